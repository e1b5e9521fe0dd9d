// Package mapping is the API's one contract: the item model and its JSON
// Schema, the Go mapping between API JSON and DynamoDB attribute values, the
// page token, limit parsing, response bodies, and the VTL templates the
// direct path deploys. The Lambda path uses the Go rules, the direct path the
// templates; tests hold them equal.
//
// # Items
//
// An item is a JSON object with ID (a non-empty string of at most 1508
// characters once percent-encoded for a path, [MaxEncodedIDLength]),
// FirstName (a string) and Age (a JSON number), plus any other properties
// whose values are strings, at most [MaxProperties] properties in all.
// [Validator.ParseItem] checks a request body against the embedded draft-04
// schema ([Schema]), the same bytes API Gateway's request validator uses,
// then the ID ([CheckID]: every accepted ID stays addressable under API
// Gateway's 1,600-byte method ARN limit), then the limits the contract takes
// from DynamoDB ([CheckLimits]: a 2048-byte key, non-empty names under 64
// KB, a 400 KB item counted in UTF-8 bytes with Age as [AgeSizeBound],
// 38-digit numbers), so that nothing DynamoDB would refuse is ever sent. The
// create and replace templates check the same limits, in the same order,
// with the same messages, so both paths answer the same 400.
//
// # Path ids
//
// The {id} routes receive the id percent-encoded as the client sent it;
// clients encode every byte outside RFC 3986's unreserved characters
// ([EncodePathID]), '+' and '/' included. Each path decodes it in one place
// with the same rules ('+' is a space): the templates through pathid.vtl's
// $util.urlDecode, the Go path through [DecodePathID].
//
// Age keeps the exact text of the JSON number ([encoding/json.Number]): it is
// stored as a DynamoDB N with that text and rendered back as a JSON number,
// never as a string. Every other property is stored as S.
//
// # Rendering
//
// [Item.MarshalJSON] writes ID, FirstName and Age first, then the extra
// properties sorted by key (byte order), compactly, escaping only what JSON
// requires (see [AppendJSONString]). Key order is a convenience for readers
// and for byte-stable tests: the contract itself compares bodies as JSON
// values, so a path that cannot sort (VTL) still answers the same item.
// Errors are {"message": "..."} ([ErrorBody]); a list page is
// {"items":[...],"next":"T"} with next absent on the last page ([ListBody]).
//
// # Page token
//
// The next token is the standard, padded base64 of the compact JSON of
// DynamoDB's LastEvaluatedKey in DynamoDB JSON, for this table always
// {"ID":{"S":"..."}} ([EncodeToken], [DecodeToken]). That is what a VTL
// template gets from $util.base64Encode($input.json('$.LastEvaluatedKey')).
//
// # Limits
//
// The list route's limit is a decimal integer from 1 to 100 written without
// sign, leading zeros or spaces; absent or empty means 25 ([ParseLimit],
// [LimitPattern]).
//
// # Writes
//
// A create is a DynamoDB UpdateItem ([Item.Update]) that SETs every
// attribute but the key under [CreateCondition] and returns ALL_NEW: the
// answer must be the stored item, and the direct path's response template
// sees only DynamoDB's answer (a PutItem answers at most the old item).
//
// A replace is a PutItem of the whole item ([Item.AttributeValues]) with
// [ReplaceReturnValues]: only PutItem drops the attributes the new item does
// not have, so after a PUT the item is exactly its body. It answers with no
// body, 204, or 201 when there was no item to replace. It cannot answer the
// stored item: the old item is all PutItem returns, and a response template
// cannot see the request body.
//
// # The direct path
//
// The templates under templates/ ([Integrations]) implement the same rules:
// the same DynamoDB requests (equal as JSON once placeholders are resolved),
// the same statuses and bodies. Every user string is written through
// $util.escapeJavaScript with its \' turned back into ' (valid JSON, same
// value). Checks a template cannot answer itself (a bad limit or token, a
// replace whose body ID differs from the path's) make it name the table
// "contract: <message>"; DynamoDB refuses that name quoting it, and
// error.response.vtl answers 400 <message>. API Gateway's request validator
// is expected to apply [Schema] to POST and [ReplaceSchema] to PUT bodies
// ([Validator.Validate] does exactly that). The contract tests of this
// package run both paths against dynalite and hold them equal.
package mapping
