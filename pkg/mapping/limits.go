package mapping

import (
	"fmt"
	"strconv"
	"strings"
)

// Limits of the contract. Each keeps every request that both paths accept
// within a limit DynamoDB enforces, and each is checked the same way by the
// Go path (CheckLimits, the schema) and by the direct path's request
// templates (create.request.vtl, replace.request.vtl), so that both paths
// refuse the same requests with the same 400 before anything is written.
const (
	// MaxItemSize is DynamoDB's item size limit, 400 KB, in bytes
	// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html,
	// "Items"; DynamoDB counts 1 KB as 1024 bytes).
	MaxItemSize = 400 * 1024
	// MaxKeyBytes is DynamoDB's limit on a partition key value, in UTF-8
	// bytes (same page, "Partition key length").
	MaxKeyBytes = 2048
	// MaxNameBytes is the longest property name the contract takes, in UTF-8
	// bytes: DynamoDB's attribute names must be "less than 64 KB"
	// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
	MaxNameBytes = 64*1024 - 1
	// MaxNumberDigits is how many significant digits a DynamoDB number holds.
	MaxNumberDigits = 38
	// MaxIDLength is the schema's limit on ID, in characters. An ID that
	// long or longer is at least as long percent-encoded, so CheckID refuses
	// whatever this lets through beyond MaxEncodedIDLength.
	MaxIDLength = MaxEncodedIDLength
	// MaxProperties is the schema's limit on the number of properties of a
	// body (maxProperties), ID, FirstName and Age included. It keeps the
	// create's UpdateExpression (Item.Update: one "#x<i> = :x<i>" per
	// property) under DynamoDB's 4 KB expression limit and 300 operators
	// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html,
	// "Expression parameters"): at 256 properties the expression is 3,601
	// bytes; DynamoDB would refuse the create at about 290 properties.
	MaxProperties = 256
	// MaxBodyBytes is the largest request body the contract takes, in
	// bytes. JSON escaping at most doubles a valid JSON body inside a Lambda
	// proxy event (a quote or a backslash gains one backslash), so every
	// body both paths accept keeps the Lambda path's event, with its
	// headers and request context, under Lambda's 6 MB request payload
	// (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html):
	// without it, a body the direct path takes could get 413 on the Lambda
	// path. Only white space pads a valid item (at most 400 KB) that far.
	MaxBodyBytes = 3_000_000
	// AgeSizeBound is the number of bytes the contract counts for Age in an
	// item's size, whatever its value: the most a DynamoDB number can take.
	// The developer guide gives "approximately" one byte per two significant
	// digits plus one (20 bytes at 38 digits); dynalite's size model, which
	// follows DynamoDB's consumed capacity, adds one byte for a negative
	// number and one for the digits' alignment (22). Counting the bound
	// keeps the check free of how API Gateway renders a number.
	AgeSizeBound = 22
)

// API Gateway's method ARN limit. With authorization on a method (every item
// route has it), a method ARN (arn:PARTITION:execute-api:REGION:ACCOUNT:
// APIID/STAGE/METHOD/PATH) longer than MaxMethodARNBytes answers 414
// "Request URI too long" (developer guide, "Amazon API Gateway quotas",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
// The path in it is the request's, percent-encoded as sent, so the contract
// bounds an ID's encoded form: an ID that POST accepts must stay addressable
// on every deployment of the stack.
const (
	// MaxMethodARNBytes is API Gateway's limit on a method ARN.
	MaxMethodARNBytes = 1600
	// LongestPartition is the longest AWS partition name (the SDK's
	// partitions.json lists aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b,
	// aws-iso-e, aws-iso-f, aws-eusc).
	LongestPartition = "aws-us-gov"
	// LongestRegion is the longest region name of any partition.
	LongestRegion = "us-isof-south-1"
	// LongestItemARNPrefix is the longest method ARN of an item route before
	// its id: the longest partition and region, a 12-digit account, a
	// 10-character API id (API Gateway's ids are 10 characters), the stack's
	// stage prod, DELETE (the longest method of an item route) and
	// /direct/items/ (the longest route to an item; /lambda/items/ is as
	// long). pkg/gateway's tests hold the synthesized stack to it.
	LongestItemARNPrefix = "arn:" + LongestPartition + ":execute-api:" + LongestRegion + ":123456789012:abcdefghij/prod/DELETE/direct/items/"
	// MaxEncodedIDLength is the longest an ID may be once percent-encoded as
	// a path segment (EncodePathID): what the longest method ARN leaves of
	// MaxMethodARNBytes.
	MaxEncodedIDLength = MaxMethodARNBytes - len(LongestItemARNPrefix)
)

// CheckLimits reports, as an *InputError, the first limit of the contract
// the item breaks, in this order (the templates check in the same order):
// an ID longer than MaxKeyBytes bytes, an empty property name, a name longer
// than MaxNameBytes bytes, a ContractSize above MaxItemSize, an Age DynamoDB
// cannot store (more than 38 significant digits, or magnitude outside 1E-130
// .. 9.99..E+125; the templates leave these to DynamoDB). Messages hold no
// apostrophe: a template passes them through a table name that DynamoDB
// quotes with apostrophes (see error.response.vtl).
func CheckLimits(it Item) error {
	if len(it.ID) > MaxKeyBytes {
		return inputErr(fmt.Sprintf("Invalid request body: ID is longer than %d bytes, the DynamoDB key limit", MaxKeyBytes), nil)
	}
	if _, ok := it.Extra[""]; ok {
		return inputErr("Invalid request body: DynamoDB does not allow an empty property name", nil)
	}
	for k := range it.Extra {
		if len(k) > MaxNameBytes {
			return inputErr(fmt.Sprintf("Invalid request body: a property name is longer than %d bytes, the DynamoDB limit", MaxNameBytes), nil)
		}
	}
	if n := ContractSize(it); n > MaxItemSize {
		return inputErr(fmt.Sprintf("Invalid request body: item is %d bytes, above the %d-byte DynamoDB item limit", n, MaxItemSize), nil)
	}
	if err := checkNumber(string(it.Age)); err != nil {
		return inputErr("Invalid request body: Age "+err.Error(), err)
	}
	return nil
}

// ContractSize is the size the contract holds under MaxItemSize: the UTF-8
// bytes of every property name and string value, plus AgeSizeBound for Age.
// It is never below ItemSize, so an item within it is within DynamoDB's.
func ContractSize(it Item) int {
	n := len(AttrID) + len(it.ID) + len(AttrFirstName) + len(it.FirstName) + len(AttrAge) + AgeSizeBound
	for k, v := range it.Extra {
		n += len(k) + len(v)
	}
	return n
}

// ItemSize is the item's size as the developer guide describes DynamoDB's
// count: for each attribute the UTF-8 length of its name plus, for a
// string, its UTF-8 length, and for a number one byte per two significant
// digits plus one. DynamoDB calls the number's share approximate; the
// contract checks ContractSize instead.
func ItemSize(it Item) int {
	n := len(AttrID) + len(it.ID) + len(AttrFirstName) + len(it.FirstName) + len(AttrAge)
	digits, _, _ := numberParts(string(it.Age))
	n += (len(digits)+1)/2 + 1
	for k, v := range it.Extra {
		n += len(k) + len(v)
	}
	return n
}

// checkNumber reports why DynamoDB would refuse the JSON number s.
func checkNumber(s string) error {
	if !isJSONNumber(s) {
		return fmt.Errorf("%q is not a number", s)
	}
	digits, exp, ok := numberParts(s)
	if !ok {
		return fmt.Errorf("is out of the DynamoDB number range")
	}
	if digits == "" {
		return nil // zero
	}
	if len(digits) > MaxNumberDigits {
		return fmt.Errorf("has more than %d significant digits, the DynamoDB limit", MaxNumberDigits)
	}
	if lead := exp + len(digits) - 1; lead < -130 || lead > 125 {
		return fmt.Errorf("is out of the DynamoDB number range")
	}
	return nil
}

// numberParts splits a JSON number into its significant digits (no leading
// or trailing zeros; empty for zero) and the power of ten of the last one.
// ok is false when the exponent does not fit an int32.
func numberParts(s string) (digits string, exp int, ok bool) {
	s = strings.TrimPrefix(s, "-")
	mant, e := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, e = s[:i], s[i+1:]
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if e != "" {
		v, err := strconv.ParseInt(e, 10, 32)
		if err != nil {
			return "", 0, false
		}
		exp = int(v)
	}
	exp -= len(frac)
	digits = strings.TrimLeft(intPart+frac, "0")
	trimmed := strings.TrimRight(digits, "0")
	exp += len(digits) - len(trimmed)
	return trimmed, exp, true
}
