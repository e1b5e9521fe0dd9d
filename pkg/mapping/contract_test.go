package mapping_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"apigwdirect/internal/testenv"
	"apigwdirect/pkg/mapping"
)

// tricky are the values of the contract issue: unicode, quotes, backslashes,
// newlines, JSON and template syntax, very long strings.
var tricky = []string{
	"plain",
	"Zoë Ñandú 中文 𝄞 🙂",
	`"double" and 'single' quotes`,
	`\'`, `\\'`, `'`, `\`, `\\`, `\"`, `\u0041`,
	"line\nbreak\r\ttab\x00nul\x1fus\x7fdel",
	"\u2028\u2029 </script> & /",
	`", "Injected": {"S": "x"}, "y": "`,
	`$input.body #set($x = 1) ${x} $util.escapeJavaScript('a')`,
	"#end #foreach #if",
	"contract: invalid next token",
	strings.Repeat("long€", 20000),
}

func item(id, first, age string, extra map[string]string) string {
	doc := map[string]any{"ID": id, "FirstName": first, "Age": json.RawMessage(age)}
	for k, v := range extra {
		doc[k] = v
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestContractCorpus(t *testing.T) {
	srv := testenv.Dynalite(t)
	p := newPaths(t, srv.Endpoint())

	ages := []string{"0", "-1.5", "1e3", "12345678901234567890", "-0", "1E+2", "0.000001", "9.9999999999999999999999999999999999999e125"}
	for i, s := range tricky {
		age := ages[i%len(ages)]
		extra := map[string]string{s: s, "k" + s: "v", "#x0": s, ":age": "colon"}
		if len(s) > 1000 {
			extra = map[string]string{"Note": s} // keep the item under 400 KB
		}
		body := item("id-"+s[:min(len(s), 500)], s, age, extra)
		id := "id-" + s[:min(len(s), 500)]
		p.both(t, call{route: mapping.RouteCreate, body: body}) // 201
		p.both(t, call{route: mapping.RouteCreate, body: body}) // 409
		p.both(t, call{route: mapping.RouteGet, id: id})        // 200
		// A replace writes the whole item: the old extras are gone.
		repl := item(id, s+"!", "7", map[string]string{"New": s})
		if out := p.both(t, call{route: mapping.RouteReplace, id: id, body: repl}); out.status != 204 {
			t.Fatalf("replace of an existing item: %d, want 204", out.status)
		}
		if out := p.both(t, call{route: mapping.RouteGet, id: id}); !reflect.DeepEqual(decode(t, out.body), decode(t, repl)) {
			t.Fatalf("after a replace GET answers %s, want exactly %s", trunc(out.body), trunc(repl))
		}
		p.both(t, call{route: mapping.RouteReplace, id: id, body: `{"FirstName":"no id","Age":1}`}) // 204
		p.both(t, call{route: mapping.RouteGet, id: id})
		p.both(t, call{route: mapping.RouteGet, id: s[:min(len(s), 500)]}) // 404
		// A PUT of a missing item creates it: 201.
		if out := p.both(t, call{route: mapping.RouteReplace, id: "new-" + id, body: `{"FirstName":"x","Age":1e3}`}); out.status != 201 {
			t.Fatalf("replace of a missing item: %d, want 201", out.status)
		}
		p.both(t, call{route: mapping.RouteGet, id: "new-" + id})
		p.both(t, call{route: mapping.RouteDelete, id: "new-" + id})
	}

	// Errors: bodies the model refuses, a replace naming another ID or an
	// overlong path id, limits and tokens, missing items.
	for _, body := range []string{``, `{`, `[]`, `{"ID":"a"}`, `{"ID":"a","FirstName":"b","Age":"1"}`,
		`{"ID":"a","FirstName":"b","Age":1,"x":2}`, `{"ID":"","FirstName":"b","Age":1}`} {
		p.both(t, call{route: mapping.RouteCreate, body: body})
		p.both(t, call{route: mapping.RouteReplace, id: "a", body: body})
	}
	// An empty property name: DynamoDB refuses it in an UpdateItem, but a
	// PutItem to dynalite stores it; both templates refuse it themselves.
	for _, r := range []mapping.Route{mapping.RouteCreate, mapping.RouteReplace} {
		out := p.both(t, call{route: r, id: "empty-name", body: item("empty-name", "x", "1", map[string]string{"": "v"})})
		if out.status != 400 || !strings.Contains(out.body, "empty property name") {
			t.Fatalf("%s with an empty property name: %d %s", r, out.status, out.body)
		}
	}
	p.both(t, call{route: mapping.RouteGet, id: "empty-name"}) // 404: nothing written
	p.both(t, call{route: mapping.RouteReplace, id: "a", body: item("b", "x", "1", nil)})
	p.both(t, call{route: mapping.RouteReplace, id: "a'", body: item(`a\'`, "x", "1", nil)})
	p.both(t, call{route: mapping.RouteReplace, id: strings.Repeat("x", 1509), body: `{"FirstName":"b","Age":1}`})
	p.both(t, call{route: mapping.RouteReplace, id: strings.Repeat("x", 1508), body: `{"FirstName":"b","Age":1}`})
	// Age beyond DynamoDB's numbers: the Go path refuses first, the direct
	// path gets DynamoDB's refusal; both answer 400.
	p.both(t, call{route: mapping.RouteCreate, body: item("big-number", "x", "123456789012345678901234567890123456789", nil)})
	p.both(t, call{route: mapping.RouteCreate, body: item("huge", "x", "1e126", nil)})
	p.both(t, call{route: mapping.RouteCreate, body: item("tiny", "x", "1e-131", nil)})
	// Both paths refuse an Age DynamoDB cannot store with the same message
	// (agelimit.vtl and checkNumber), at each edge of DynamoDB's numbers:
	// 38 significant digits, a leading digit's power of ten from -130 to
	// 125, an exponent that fits an int.
	for i, age := range []string{
		"12345678901234567890123456789012345678", "1234567890123456789012345678901234567800000",
		"0.00000000000000000000000000000000000000012345678901234567890123456789012345678",
		"9.99e125", "1E+125", "-1e-130", "0.00001e-126", "1e-131", "10e125", "1e0000000001",
		"0e2147483647", "0e2147483648", "1e-2147483648", "0e-2147483649", "-0", "0.0e5",
		"1e999999999", "123456789012345678901234567890123456789e-200",
	} {
		p.both(t, call{route: mapping.RouteCreate, body: item(fmt.Sprintf("age-%d", i), "x", age, nil)})
		p.both(t, call{route: mapping.RouteReplace, id: fmt.Sprintf("age-%d", i), body: item(fmt.Sprintf("age-%d", i), "x", age, nil)})
	}
	testContractLimits(t, p)
	p.both(t, call{route: mapping.RouteGet, id: strings.Repeat("x", 2049)})
	p.both(t, call{route: mapping.RouteDelete, id: strings.Repeat("x", 2049)})

	for _, limit := range []string{"0", "101", "-1", "01", "1.5", "abc", " 5", "1e1"} {
		p.both(t, call{route: mapping.RouteList, query: map[string]string{"limit": limit}})
	}
	b64 := base64.StdEncoding.EncodeToString
	for _, next := range []string{"%%", "e30=", "eyJJRCI6eyJTIjoiYSJ9fQ", b64([]byte(`{"ID":{"N":"1"}}`)),
		b64([]byte(`{"ID":{"S":""}}`)), b64([]byte(`{"ID":{"S":"a"},"Limit":1}`)), b64([]byte(`{"ID":{"S":"a"}} `)),
		b64([]byte(`{"ID":{"S":"a"}}`)) + "\n", b64([]byte(`{"ID":{"S":"` + strings.Repeat("x", 2049) + `"}}`))} {
		p.both(t, call{route: mapping.RouteList, query: map[string]string{"next": next}})
	}

	// Pagination: every page equal, tokens byte for byte, to the end.
	for _, limit := range []string{"1", "3", "7", "100", ""} {
		next, pages := "", 0
		for {
			q := map[string]string{}
			if limit != "" {
				q["limit"] = limit
			}
			if next != "" {
				q["next"] = next
			}
			out := p.both(t, call{route: mapping.RouteList, query: q})
			var page struct {
				Items []json.RawMessage `json:"items"`
				Next  string            `json:"next"`
			}
			if err := json.Unmarshal([]byte(out.body), &page); err != nil {
				t.Fatal(err)
			}
			pages++
			if page.Next == "" {
				break
			}
			if pages > 200 {
				t.Fatal("pagination does not end")
			}
			next = page.Next
		}
		if limit == "1" && pages < len(tricky) {
			t.Fatalf("limit 1 listed in %d pages, want at least %d", pages, len(tricky))
		}
	}

	for _, s := range tricky {
		id := "id-" + s[:min(len(s), 500)]
		p.both(t, call{route: mapping.RouteDelete, id: id}) // 204
		p.both(t, call{route: mapping.RouteDelete, id: id}) // 404
	}
	p.both(t, call{route: mapping.RouteList}) // empty

	// A stage whose table does not exist: 500 on both paths, every route.
	gone := *p
	gone.goTable, gone.directTable = "no-such-table", "no-such-table"
	for _, c := range []call{
		{route: mapping.RouteCreate, body: item("a", "b", "1", nil)},
		{route: mapping.RouteReplace, id: "a", body: item("a", "b", "1", nil)},
		{route: mapping.RouteGet, id: "a"},
		{route: mapping.RouteDelete, id: "a"},
		{route: mapping.RouteList},
	} {
		if out := gone.both(t, c); out.status != 500 {
			t.Errorf("%s on a missing table: %d, want 500", c.route, out.status)
		}
	}
}

// FuzzContract holds the two paths equal on generated items: create (twice),
// get, replace and delete of the same item, every request and answer.
func FuzzContract(f *testing.F) {
	for i, s := range tricky[:len(tricky)-1] {
		f.Add("id"+s, s, "k"+s, s, []string{"0", "-1.5", "1e3", "12345678901234567890"}[i%4])
	}
	f.Add("", "", "", "", "1")
	f.Add("a", "b", "ID", "c", "1")
	f.Add("a", "b", "", "v", "1e400")
	srv := testenv.Dynalite(f)
	p := newPaths(f, srv.Endpoint())
	f.Fuzz(func(t *testing.T, id, first, key, value, age string) {
		if !json.Valid([]byte(age)) {
			age = "1"
		}
		body := item(id, first, age, map[string]string{key: value})
		p.both(t, call{route: mapping.RouteCreate, body: body})
		p.both(t, call{route: mapping.RouteCreate, body: body})
		// value as a next token, unless it decodes to invalid UTF-8: the one
		// known difference (Go refuses it; Java, and so API Gateway, reads
		// U+FFFD, and the local engine passes the bytes on).
		if raw, err := base64.StdEncoding.DecodeString(value); err != nil || utf8.Valid(raw) {
			p.both(t, call{route: mapping.RouteList, query: map[string]string{"limit": "2", "next": value}})
		}
		if tok, err := mapping.EncodeToken(mapping.Key(id)); err == nil && tok != "" && utf8.ValidString(id) {
			p.both(t, call{route: mapping.RouteList, query: map[string]string{"limit": "1", "next": tok}})
		}
		if id == "" {
			return // no route has an empty path id
		}
		p.both(t, call{route: mapping.RouteGet, id: id})
		p.both(t, call{route: mapping.RouteReplace, id: id, body: body})
		p.both(t, call{route: mapping.RouteDelete, id: id})
		p.both(t, call{route: mapping.RouteGet, id: id})
	})
}

// testContractLimits holds both paths to the same 400, with the contract's
// message, for every limit mapping.CheckLimits and the schema take from
// DynamoDB, on inputs dynalite would store (it counts characters, not UTF-8
// bytes, and checks no expression size), and to the same success just
// within each limit. Evidence for the limits:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html
// (partition key 2048 bytes; item 400 KB counted in UTF-8 bytes; expression
// strings 4 KB) and
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
// (attribute names less than 64 KB).
func testContractLimits(t *testing.T, p *paths) {
	refused := func(c call, want string) {
		t.Helper()
		out := p.both(t, c)
		if out.status != 400 || !strings.Contains(out.body, want) {
			t.Fatalf("%s %.60q: %d %s, want 400 %q", c.route, c.id, out.status, trunc(out.body), want)
		}
	}
	accepted := func(c call, status int) {
		t.Helper()
		if out := p.both(t, c); out.status != status {
			t.Fatalf("%s %.60q: %d %s, want %d", c.route, c.id, out.status, trunc(out.body), status)
		}
	}
	gone := func(id string) {
		t.Helper()
		if out := p.both(t, call{route: mapping.RouteGet, id: id}); out.status != 404 {
			t.Fatalf("a refused write stored %.60q: GET %d", id, out.status)
		}
	}

	// The key: no ID the contract accepts reaches DynamoDB's 2,048-byte key
	// limit, since an ID of at most 1,508 characters once percent-encoded
	// has at most 1,508 UTF-8 bytes. 700 '€' (2,100 bytes, the ID dynalite
	// stored) are refused by the encoded length first, alike on both paths.
	euro := strings.Repeat("€", 700)
	refused(call{route: mapping.RouteCreate, body: item(euro, "x", "1", nil)}, "ID is 6300 characters once percent-encoded for a path")
	refused(call{route: mapping.RouteReplace, id: euro, body: `{"FirstName":"x","Age":1}`}, "ID is 6300 characters once percent-encoded")
	gone(euro)
	atKey := strings.Repeat("€", 167) + "xxxxx" // 1,508 characters encoded, 506 bytes
	accepted(call{route: mapping.RouteCreate, body: item(atKey, "x", "1", nil)}, 201)
	accepted(call{route: mapping.RouteReplace, id: atKey, body: `{"FirstName":"y","Age":2}`}, 204)
	accepted(call{route: mapping.RouteDelete, id: atKey}, 204)

	// The body size: a valid item padded with white space past
	// MaxBodyBytes, whose Lambda event could pass Lambda's 6 MB, is refused
	// alike; the size is in UTF-8 bytes, so a body of fewer characters but
	// more bytes is refused too.
	pad := func(prefix string, size int) string {
		return prefix + strings.Repeat(" ", size-len(prefix)-1) + "}"
	}
	padded := pad(`{"ID":"padded","FirstName":"x","Age":1`, mapping.MaxBodyBytes+1)
	refused(call{route: mapping.RouteCreate, body: padded}, fmt.Sprintf("the body is %d bytes, above the 3000000 that keep a Lambda event under 6 MB", mapping.MaxBodyBytes+1))
	refused(call{route: mapping.RouteReplace, id: "padded", body: padded}, "above the 3000000 that keep a Lambda event under 6 MB")
	gone("padded")
	accepted(call{route: mapping.RouteCreate, body: pad(`{"ID":"at-body","FirstName":"x","Age":1`, mapping.MaxBodyBytes)}, 201)
	wide := pad(`{"ID":"wide-body","FirstName":"x","Age":1,"N":"`+strings.Repeat("é", 20)+`"`, mapping.MaxBodyBytes+20)
	if n := utf8.RuneCountInString(wide); n > mapping.MaxBodyBytes {
		t.Fatalf("the wide body has %d characters, want at most %d", n, mapping.MaxBodyBytes)
	}
	refused(call{route: mapping.RouteCreate, body: wide}, fmt.Sprintf("the body is %d bytes", mapping.MaxBodyBytes+20))

	// The item size, in UTF-8 bytes with Age counted as 22: 136,534 '€'
	// are 409,602 bytes but fewer than 400 K characters.
	refused(call{route: mapping.RouteCreate, body: item("big-euro", strings.Repeat("€", 136534), "1", nil)}, "above the 409600-byte DynamoDB item limit")
	refused(call{route: mapping.RouteReplace, id: "big-euro", body: item("big-euro", "x", "1", map[string]string{"Note": strings.Repeat("€", 136534)})}, "above the 409600-byte DynamoDB item limit")
	refused(call{route: mapping.RouteCreate, body: item("too-big", strings.Repeat("x", 410*1024), "1", nil)}, "item is 419883 bytes")
	gone("big-euro")
	gone("too-big")
	// Exactly 409,600 bytes: ID 2+7, FirstName 9+n, Age 3+22.
	full := strings.Repeat("x", mapping.MaxItemSize-(2+7+9+3+22))
	accepted(call{route: mapping.RouteCreate, body: item("at-size", full, "-1.5", nil)}, 201)
	accepted(call{route: mapping.RouteReplace, id: "at-size", body: `{"FirstName":"` + full + `","Age":7}`}, 204)
	refused(call{route: mapping.RouteReplace, id: "at-size", body: `{"FirstName":"` + full + `x","Age":7}`}, "item is 409601 bytes")
	accepted(call{route: mapping.RouteDelete, id: "at-size"}, 204)

	// A property name over 64 KB (32,768 'é' are 65,536 bytes).
	longName := map[string]string{strings.Repeat("é", 32768): "v"}
	refused(call{route: mapping.RouteCreate, body: item("long-name", "x", "1", longName)}, "a property name is longer than 65535 bytes")
	refused(call{route: mapping.RouteReplace, id: "long-name", body: item("long-name", "x", "1", longName)}, "a property name is longer than 65535 bytes")
	gone("long-name")
	accepted(call{route: mapping.RouteCreate, body: item("name-64k", "x", "1", map[string]string{strings.Repeat("n", mapping.MaxNameBytes): "v"})}, 201)
	accepted(call{route: mapping.RouteDelete, id: "name-64k"}, 204)

	// The number of properties, which bounds the create's UpdateExpression.
	extras := func(n int) map[string]string {
		m := map[string]string{}
		for i := 0; i < n; i++ {
			m[fmt.Sprintf("property-%03d", i)] = "v"
		}
		return m
	}
	refused(call{route: mapping.RouteCreate, body: item("wide", "x", "1", extras(mapping.MaxProperties-2))}, "object has too many properties (found 257 but schema requires at most 256)")
	refused(call{route: mapping.RouteReplace, id: "wide", body: item("wide", "x", "1", extras(mapping.MaxProperties-2))}, "object has too many properties (found 257 but schema requires at most 256)")
	gone("wide")
	accepted(call{route: mapping.RouteCreate, body: item("widest", "x", "1", extras(mapping.MaxProperties-3))}, 201)
	accepted(call{route: mapping.RouteGet, id: "widest"}, 200)
	accepted(call{route: mapping.RouteDelete, id: "widest"}, 204)
}

// pathIDs are IDs whose path segment needs encoding: every character the
// contract names, and '/', which a REST API routes as part of one segment
// when sent as %2F (see pkg/gateway's TestEncodedSlashStaysInItsSegment).
var pathIDs = []string{
	"a b", "100%", "%41", "%zz", "a+b", "+", "?x=1&y", "#frag", `"quoted" 'single'`, `back\slash`,
	"é", "🙂", "line\u2028sep", "a/b", "/", "//", "a/..", "...", "~*", "{id}", "%2F",
}

// TestContractPathIDs: every ID that create accepts is read, replaced and
// deleted through its path, encoded as clients encode a segment, on both
// paths, and both address the same stored item; the ID limit is the same on
// both paths, at the boundary of every kind of byte.
func TestContractPathIDs(t *testing.T) {
	srv := testenv.Dynalite(t)
	p := newPaths(t, srv.Endpoint())
	longest := []string{
		strings.Repeat("x", mapping.MaxEncodedIDLength),          // unreserved: one character each
		strings.Repeat("~", mapping.MaxEncodedIDLength),          // unreserved, though Java's URLEncoder encodes it
		strings.Repeat("*", mapping.MaxEncodedIDLength/3),        // reserved, though Java's URLEncoder keeps it
		strings.Repeat(" ", mapping.MaxEncodedIDLength/3),        // %20, though Java's URLEncoder writes +
		strings.Repeat("é", mapping.MaxEncodedIDLength/6),        // two bytes: six characters
		strings.Repeat("🙂", mapping.MaxEncodedIDLength/12),       // four bytes: twelve characters
		strings.Repeat("/", mapping.MaxEncodedIDLength/3) + "ab", // %2F: three characters each
	}
	ids := append(append([]string{}, pathIDs...), longest...)
	for _, id := range ids {
		body := item(id, "first", "1", nil)
		if out := p.both(t, call{route: mapping.RouteCreate, body: body}); out.status != 201 {
			t.Fatalf("create %q: %d %s", trunc(id), out.status, trunc(out.body))
		}
		if out := p.both(t, call{route: mapping.RouteGet, id: id}); out.status != 200 || !reflect.DeepEqual(decode(t, out.body), decode(t, body)) {
			t.Fatalf("get %q: %d %s, want the created item", trunc(id), out.status, trunc(out.body))
		}
		if out := p.both(t, call{route: mapping.RouteReplace, id: id, body: item(id, "second", "2", nil)}); out.status != 204 {
			t.Fatalf("replace %q: %d %s, want 204 (the same item)", trunc(id), out.status, trunc(out.body))
		}
		if out := p.both(t, call{route: mapping.RouteGet, id: id}); out.status != 200 || !strings.Contains(out.body, `"second"`) {
			t.Fatalf("get %q after replace: %d %s", trunc(id), out.status, trunc(out.body))
		}
		if out := p.both(t, call{route: mapping.RouteDelete, id: id}); out.status != 204 {
			t.Fatalf("delete %q: %d %s", trunc(id), out.status, trunc(out.body))
		}
		if out := p.both(t, call{route: mapping.RouteGet, id: id}); out.status != 404 {
			t.Fatalf("get %q after delete: %d", trunc(id), out.status)
		}
	}
	// One byte more than the limit allows: refused alike on create and on
	// replace, and nothing is written.
	for _, id := range longest[:len(longest)-1] {
		over := id + string([]rune(id)[0])
		if mapping.EncodedIDLength(over) <= mapping.MaxEncodedIDLength {
			t.Fatalf("%q is not over the limit", trunc(over))
		}
		for _, c := range []call{
			{route: mapping.RouteCreate, body: item(over, "x", "1", nil)},
			{route: mapping.RouteReplace, id: over, body: `{"FirstName":"x","Age":1}`},
		} {
			if out := p.both(t, c); out.status != 400 || !strings.Contains(out.body, "percent-encoded") && !strings.Contains(out.body, "is too long (length: 1509, maximum allowed: 1508)") {
				t.Fatalf("%s of an ID over the limit: %d %s, want 400", c.route, out.status, trunc(out.body))
			}
		}
		if out := p.both(t, call{route: mapping.RouteGet, id: over}); out.status != 404 {
			t.Fatalf("an ID over the limit was written: %d", out.status)
		}
	}
	// The dot segments: clients remove a path segment "." or ".." before
	// sending (RFC 3986, section 5.2.4), so such an ID could never be read:
	// create and replace refuse it alike.
	for _, id := range []string{".", ".."} {
		for _, c := range []call{
			{route: mapping.RouteCreate, body: item(id, "x", "1", nil)},
			{route: mapping.RouteReplace, id: id, body: `{"FirstName":"x","Age":1}`},
		} {
			if out := p.both(t, c); out.status != 400 || !strings.Contains(out.body, "ID cannot be . or ..") {
				t.Fatalf("%s of %q: %d %s, want 400", c.route, id, out.status, trunc(out.body))
			}
		}
	}
	// A '%' not followed by two hex digits: the same 400 on both paths (the
	// template does not let $util.urlDecode fail), and nothing written.
	for _, raw := range []string{"%zz", "a%2", "%"} {
		for _, c := range []call{
			{route: mapping.RouteGet, rawID: raw},
			{route: mapping.RouteDelete, rawID: raw},
			{route: mapping.RouteReplace, rawID: raw, body: `{"FirstName":"x","Age":1}`},
		} {
			if out := p.both(t, c); out.status != 400 || !strings.Contains(out.body, "Invalid id in path: not a valid percent-encoding") {
				t.Fatalf("%s of raw id %q: %d %s, want 400", c.route, raw, out.status, trunc(out.body))
			}
		}
	}
	// Clients that write a space as '+' or hex in lower case name the same
	// item; '+' itself must be sent as %2B.
	p.both(t, call{route: mapping.RouteCreate, body: item("a b+c", "x", "1", nil)})
	for _, raw := range []string{"a+b%2Bc", "a%20b%2bc", "%61%20b%2Bc"} {
		if out := p.both(t, call{route: mapping.RouteGet, rawID: raw}); out.status != 200 {
			t.Fatalf("get %s: %d, want the item \"a b+c\"", raw, out.status)
		}
	}
}
