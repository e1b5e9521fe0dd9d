package apimodel

import "fmt"

// The wording of each failure, from the Java library's message bundle
// (java-json-tools/json-schema-validator,
// src/main/resources/com/github/fge/jsonschema/validator/validation.properties;
// the keys are named in each comment). %s stands where the bundle prints a
// JSON node, %d a count.
const (
	msgTypeNoMatch  = "instance type (%s) does not match any allowed primitive type (allowed: %s)"      // err.common.typeNoMatch
	msgMissing      = "object has missing required properties (%s)"                                     // err.common.object.missingMembers
	msgTooLong      = "string \"%s\" is too long (length: %d, maximum allowed: %d)"                     // err.common.maxLength.tooLong
	msgTooShort     = "string \"%s\" is too short (length: %d, required minimum: %d)"                   // err.common.minLength.tooShort
	msgNoMatch      = "ECMA 262 regex \"%s\" does not match input string \"%s\""                        // err.common.pattern.noMatch
	msgNotInEnum    = "instance value (%s) not found in enum (possible values: %s)"                     // err.common.enum.notInEnum
	msgNotAllowed   = "object instance has properties which are not allowed by the schema: %s"          // err.common.additionalProperties.notAllowed
	msgTooFewProps  = "object has too few properties (found %d but schema requires at least %d)"        // err.draftv4.minProperties.notEnoughMembers
	msgTooManyProps = "object has too many properties (found %d but schema requires at most %d)"        // err.draftv4.maxProperties.tooManyMembers
	msgTooSmall     = "numeric instance is lower than the required minimum (minimum: %s, found: %s)"    // err.common.minimum.tooSmall
	msgNotGreater   = "numeric instance is not strictly greater than the required minimum %s"           // err.common.minimum.notExclusive
	msgTooLarge     = "numeric instance is greater than the required maximum (maximum: %s, found: %s)"  // err.common.maximum.tooLarge
	msgNotLower     = "numeric instance is not strictly lower than the required maximum %s"             // err.common.maximum.notExclusive
	msgArrayShort   = "array is too short: must have at least %d elements but instance has %d elements" // err.common.minItems.arrayTooShort
	msgArrayLong    = "array is too long: must have at most %d elements but instance has %d elements"   // err.common.maxItems.arrayTooLarge
	msgDuplicates   = "array must not contain duplicate elements"                                       // err.common.uniqueItems.duplicateElements
	msgExtraItems   = "schema only allows %d elements in array but instance has %d elements"            // err.common.additionalItems.notAllowed
	msgAllOf        = "instance failed to match all required schemas (matched only %d out of %d)"       // err.draftv4.allOf.fail
	msgAnyOf        = "instance failed to match at least one required schema among %d"                  // err.common.schema.noMatch
	msgOneOf        = "instance failed to match exactly one schema (matched %d out of %d)"              // err.draftv4.oneOf.fail
	msgNot          = "instance matched a schema which it should not have"                              // err.draftv4.not.fail
)

func msg(format string, args ...any) string { return fmt.Sprintf(format, args...) }
