// Package apimodel validates request bodies against an API Gateway model the
// way a REST API's request validator does, and words the failures as API
// Gateway words $context.error.validationErrorString.
//
// API Gateway validates with the Java library java-json-tools
// json-schema-validator (draft 4): its failures carry that library's message
// bundle (src/main/resources/com/github/fge/jsonschema/validator/validation.properties
// in java-json-tools/json-schema-validator), for example
// "object has missing required properties ([\"Age\"])". This package
// reimplements the keywords it supports with that library's rules (which
// keywords apply to which instance types, the order of the checks, where
// validation stops) and its wording, so that both paths of this project can
// answer the same 400 as API Gateway does.
//
// Compile refuses a schema using a draft-4 keyword this package does not
// implement ($ref, format, multipleOf, dependencies) rather than validate it
// differently from AWS. Keywords draft 4 does not define are ignored, as the
// Java library ignores them.
package apimodel
