package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// encodeSegment percent-encodes s as clients put an ID in a path segment:
// every byte outside RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~)
// as %XX, '+' and '/' included.
func encodeSegment(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// maxEncodedID is the contract's limit on an ID once encoded for a path.
const maxEncodedID = 1508

// pathIDs are IDs of the contract that need encoding in a path, each made
// unique by prefix; the last is as long as the contract allows.
func pathIDs(prefix string) map[string]string {
	ids := map[string]string{
		"space": " a b ", "percent": "100%", "plus": "a+b", "question": "a?b=c&d", "hash": "#frag",
		"quotes": `"dq" 'sq'`, "backslash": `a\b\`, "e-acute": "é", "emoji": "🙂", "u2028": "a\u2028b",
		"slash": "a/b", "slashes": "//x//", "escape-lookalike": "%2F%zz", "braces": "{id}",
	}
	for k, v := range ids {
		ids[k] = prefix + v
	}
	long := prefix
	for len(encodeSegment(long))+6 <= maxEncodedID {
		long += "é"
	}
	for len(encodeSegment(long)) < maxEncodedID {
		long += "x"
	}
	ids["longest"] = long
	return ids
}

// testPathIDs: every ID that create accepts is read, replaced and deleted
// through its encoded path on both paths, both address the same stored
// item, and an ID one byte over the limit is refused alike. A path whose
// method ARN is over 1,600 bytes answers 414 on both paths.
func testPathIDs(t *testing.T, tg Target, run string) {
	w, k, del := bearer(tg.writeToken(t)), apiKey(tg.readKey(t)), bearer(tg.writeToken(t))
	for i, tree := range []string{"/direct", "/lambda"} {
		other := []string{"/lambda", "/direct"}[i]
		for name, id := range pathIDs(fmt.Sprintf("p-%s-%d-", run, i)) {
			t.Run(strings.TrimPrefix(tree, "/")+"/"+name, func(t *testing.T) {
				if n := len(encodeSegment(id)); n > maxEncodedID {
					t.Fatalf("test ID encodes to %d characters", n)
				}
				path := func(tree string) string { return tree + "/items/" + encodeSegment(id) }
				body := itemJSON(id, "First", "1", nil)
				if r := tg.do(t, "POST", tree+"/items", body, w); r.Status != 201 || !sameJSON(r.JSON(t), decode(t, body)) {
					t.Fatalf("create: %d %s", r.Status, truncate(r.Body))
				}
				for _, via := range []string{tree, other} {
					if r := tg.do(t, "GET", path(via), nil, k); r.Status != 200 || !sameJSON(r.JSON(t), decode(t, body)) {
						t.Fatalf("get via %s: %d %s, want the created item", via, r.Status, truncate(r.Body))
					}
				}
				replaced := itemJSON(id, "Second", "2", nil)
				if r := tg.do(t, "PUT", path(tree), replaced, w); r.Status != 204 {
					t.Fatalf("replace: %d %s, want 204 (the same item)", r.Status, truncate(r.Body))
				}
				if r := tg.do(t, "GET", path(other), nil, k); r.Status != 200 || !sameJSON(r.JSON(t), decode(t, replaced)) {
					t.Fatalf("get via %s after replace: %d %s", other, r.Status, truncate(r.Body))
				}
				if r := tg.do(t, "DELETE", path(tree), nil, del); r.Status != 204 {
					t.Fatalf("delete: %d %s", r.Status, truncate(r.Body))
				}
				if r := tg.do(t, "GET", path(other), nil, k); r.Status != 404 {
					t.Fatalf("get via %s after delete: %d", other, r.Status)
				}
			})
		}
	}
	t.Run("over-the-limit", func(t *testing.T) {
		var answers [2]Response
		for i, tree := range []string{"/direct", "/lambda"} {
			id := pathIDs(fmt.Sprintf("o-%s-%d-", run, i))["longest"] + "é"
			answers[i] = tg.do(t, "POST", tree+"/items", itemJSON(id, "x", "1", nil), w)
			if answers[i].Status != 400 {
				t.Fatalf("%s: create of an ID over the limit: %d %s, want 400", tree, answers[i].Status, truncate(answers[i].Body))
			}
			if r := tg.do(t, "GET", other(tree)+"/items/"+encodeSegment(id[:len(id)-len("é")]), nil, k); r.Status != 404 {
				t.Fatalf("%s: a refused create wrote an item: %d", tree, r.Status)
			}
		}
		if answers[0].Message(t) != answers[1].Message(t) {
			t.Fatalf("the paths refuse differently: %s / %s", answers[0].Body, answers[1].Body)
		}
	})
	t.Run("uri-too-long", func(t *testing.T) {
		seg := strings.Repeat("x", 1600) // a method ARN over 1,600 bytes on any deployment
		for _, tree := range trees {
			for _, c := range []struct {
				method string
				hdr    map[string]string
			}{{"GET", k}, {"PUT", w}, {"DELETE", del}} {
				r := tg.do(t, c.method, tree+"/items/"+seg, []byte(`{"FirstName":"x","Age":1}`), c.hdr)
				if r.Status != 414 || r.Message(t) != "Request URI too long" {
					t.Errorf("%s %s/items/<1600 x>: %d %s, want 414 Request URI too long", c.method, tree, r.Status, truncate(r.Body))
				}
			}
		}
	})
}

// other is the tree of the other path.
func other(tree string) string {
	if tree == "/direct" {
		return "/lambda"
	}
	return "/direct"
}
