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
// implement ($ref, multipleOf, dependencies) rather than validate it
// differently from AWS. Keywords draft 4 does not define are ignored, as the
// Java library ignores them. format is accepted and not checked: which
// format attributes API Gateway's validator enforces, and in which words, no
// recording shows (a guess; the Java library can check date-time, email,
// hostname, ipv4, ipv6 and uri), and a model using it must not keep an API
// from being served.
package apimodel
