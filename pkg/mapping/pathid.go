package mapping

import (
	"fmt"
	"net/url"
	"strings"
)

// Path ids. API Gateway hands a path parameter to the integration exactly as
// the client encoded it (a REST API does not decode paths), so each path
// decodes the id itself, in one place, with the same rules:
//
//   - the direct path: the request templates of the {id} routes start with
//     templates/pathid.vtl, #set($id = $util.urlDecode(...)), Java's
//     URLDecoder;
//   - the Go path: the items handler calls DecodePathID, url.QueryUnescape.
//
// Both read %XX as the byte XX and '+' as a space, so a client must encode
// '+' (EncodePathID does), and both address the same stored item.

// EncodePathID returns id as clients put it in a path segment: every byte
// outside RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~) as %XX with
// upper-case hex digits, '+', '/' and '%' included. DecodePathID inverts it
// for every string.
func EncodePathID(id string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(id))
	for i := 0; i < len(id); i++ {
		c := id[i]
		if isUnreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xf])
	}
	return b.String()
}

// EncodedIDLength is len(EncodePathID(id)), without building it.
func EncodedIDLength(id string) int {
	n := 0
	for i := 0; i < len(id); i++ {
		if isUnreserved(id[i]) {
			n++
		} else {
			n += 3
		}
	}
	return n
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// DecodePathID decodes the id path parameter as API Gateway hands it over,
// with the rules of the direct path's $util.urlDecode: %XX is the byte XX
// (either case of hex digit) and '+' is a space. A malformed escape ('%'
// not followed by two hex digits) is an *InputError.
func DecodePathID(raw string) (string, error) {
	id, err := url.QueryUnescape(raw)
	if err != nil {
		return "", inputErr("Invalid id in path: not a valid percent-encoding", err)
	}
	return id, nil
}

// CheckID reports, as an *InputError, an ID that could not be addressed
// through its path: "." or ".." (RFC 3986's dot segments, which clients
// remove from a path before sending it: curl, browsers and Go's url
// resolution all do), or one whose EncodePathID form is longer than
// MaxEncodedIDLength. Every ID it accepts keeps every item route's method
// ARN within API Gateway's 1,600 bytes (see MaxEncodedIDLength).
func CheckID(id string) error {
	if id == "." || id == ".." {
		return inputErr("Invalid request body: ID cannot be . or .., path segments that clients remove", nil)
	}
	if n := EncodedIDLength(id); n > MaxEncodedIDLength {
		return inputErr(fmt.Sprintf("Invalid request body: ID is %d characters once percent-encoded for a path, above the %d that keep it addressable", n, MaxEncodedIDLength), nil)
	}
	return nil
}
