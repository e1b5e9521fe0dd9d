package e2e

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Trees are the three route trees: the direct VTL path, the Lambda path, and
// the plain routes served by whichever path the stack was deployed with.
var trees = []string{"/direct", "/lambda", ""}

// tricky is the corpus of values that break naive templates: quotes,
// backslashes, control characters, VTL and JSON syntax, unicode, size.
func tricky() []struct {
	name, first, age string
	extra            map[string]string
} {
	return []struct {
		name, first, age string
		extra            map[string]string
	}{
		{"plain", "Ada", "36", nil},
		{"unicode", "Zoë 日本語 🎉", "0", map[string]string{"City": "Zürich"}},
		{"quotes", `say "hi"`, "-1.5", map[string]string{"Quote": `"`}},
		{"single-quote", "O'Brien", "1e3", map[string]string{"Nick": "it's"}},
		{"backslash", `C:\temp\new`, "12345678901234567890", map[string]string{"Path": `\\server\share\`}},
		{"newlines", "line1\nline2\r\n\ttabbed", "42", map[string]string{"Note": "a\u0001b\u001fc"}},
		{"injection", `x", "Admin": {"S": "yes"}, "y": "`, "7", map[string]string{"Evil": `"}}, "Age": {"N": "1"`}},
		{"vtl", "$input.body #set($x = 1) ${util} $!nope ## c", "1", map[string]string{"Tpl": "#if(true)yes#end"}},
		{"html", "</script><b>&amp;</b>", "99.25", nil},
		{"long", strings.Repeat("λ", 5000), "3", map[string]string{"Blob": strings.Repeat("x\"\\", 3000)}},
		{"empty-extra", "", "5", map[string]string{"Empty": ""}},
	}
}

// Run runs the black-box suite against tg. Subtests run one after another:
// pagination checks assume no concurrent writers.
func Run(t *testing.T, tg Target) {
	run := fmt.Sprintf("%d", time.Now().UnixNano())
	t.Run("crud", func(t *testing.T) { testCRUD(t, tg, run) })
	t.Run("same-across-paths", func(t *testing.T) { testSameAcrossPaths(t, tg, run) })
	t.Run("errors", func(t *testing.T) { testErrors(t, tg, run) })
	t.Run("bad-bodies", func(t *testing.T) { testBadBodies(t, tg, run) })
	t.Run("auth", func(t *testing.T) { testAuth(t, tg, run) })
	t.Run("pagination", func(t *testing.T) { testPagination(t, tg, run) })
	t.Run("path-ids", func(t *testing.T) { testPathIDs(t, tg, run) })
	t.Run("unknown-route", func(t *testing.T) { testUnknownRoute(t, tg) })
}

func itemPath(tree, id string) string { return tree + "/items/" + encodeSegment(id) }

func testCRUD(t *testing.T, tg Target, run string) {
	w, k := bearer(tg.writeToken(t)), apiKey(tg.readKey(t))
	for _, tree := range trees {
		t.Run("tree="+tree, func(t *testing.T) {
			id := "crud-" + run + strings.ReplaceAll(tree, "/", "-")
			body := itemJSON(id, "Grace", "85", map[string]string{"Team": "Navy"})

			r := tg.do(t, "POST", tree+"/items", body, w)
			if r.Status != 201 {
				t.Fatalf("create: status %d, body %s", r.Status, truncate(r.Body))
			}
			if !sameJSON(r.JSON(t), decode(t, body)) {
				t.Fatalf("create: answered %s, want the stored item %s", r.Body, body)
			}
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("create: Content-Type %q", ct)
			}

			r = tg.do(t, "POST", tree+"/items", itemJSON(id, "Other", "1", nil), w)
			if r.Status != 409 {
				t.Fatalf("duplicate create: status %d, want 409; body %s", r.Status, r.Body)
			}
			r.Message(t)

			r = tg.readAfterWrite(t, "GET", itemPath(tree, id), k, item(t, body))
			if r.Status != 200 || !sameJSON(r.JSON(t), decode(t, body)) {
				t.Fatalf("get: status %d body %s, want 200 %s", r.Status, r.Body, body)
			}
			// The failed duplicate create changed nothing.
			if got := r.JSON(t).(map[string]any)["FirstName"]; got != "Grace" {
				t.Fatalf("duplicate create overwrote FirstName: %v", got)
			}

			// PUT replaces the whole item and answers 204 with no body:
			// Team, which the new body leaves out, is gone.
			replaced := itemJSON(id, "Hopper", "86", map[string]string{"Rank": "Rear Admiral"})
			r = tg.do(t, "PUT", itemPath(tree, id), replaced, w)
			if r.Status != 204 || len(r.Body) != 0 {
				t.Fatalf("replace: status %d body %q, want 204 without a body", r.Status, r.Body)
			}
			r = tg.readAfterWrite(t, "GET", itemPath(tree, id), k, item(t, replaced))
			if r.Status != 200 || !sameJSON(r.JSON(t), decode(t, replaced)) {
				t.Fatalf("get after replace: %s, want exactly %s", r.Body, replaced)
			}
			// PUT of an item that does not exist creates it (201, no body);
			// the body may leave ID out, the path names the item.
			fresh := []byte(`{"FirstName":"New","Age":1}`)
			if r = tg.do(t, "PUT", itemPath(tree, id+"-put"), fresh, w); r.Status != 201 || len(r.Body) != 0 {
				t.Fatalf("put of a new item without ID in the body: status %d body %q, want 201 without a body", r.Status, r.Body)
			}
			put := itemJSON(id+"-put", "New", "1", nil)
			if r = tg.readAfterWrite(t, "GET", itemPath(tree, id+"-put"), k, item(t, put)); r.Status != 200 || !sameJSON(r.JSON(t), decode(t, put)) {
				t.Fatalf("get after a creating put: status %d body %s", r.Status, r.Body)
			}

			r = tg.do(t, "DELETE", itemPath(tree, id), nil, bearer(tg.writeToken(t)))
			if r.Status != 204 {
				t.Fatalf("delete: status %d body %s", r.Status, r.Body)
			}
			if len(strings.TrimSpace(string(r.Body))) != 0 {
				t.Errorf("delete: 204 with body %q", r.Body)
			}
			r = tg.readAfterWrite(t, "GET", itemPath(tree, id), k, status(404))
			if r.Status != 404 {
				t.Fatalf("get after delete: status %d", r.Status)
			}
			r.Message(t)
			r = tg.do(t, "DELETE", itemPath(tree, id), nil, bearer(tg.writeToken(t)))
			if r.Status != 404 {
				t.Fatalf("second delete: status %d, want 404", r.Status)
			}
			r.Message(t)
		})
	}
}

func decode(t testing.TB, b []byte) any {
	t.Helper()
	return Response{Status: 200, Body: b}.JSON(t)
}

// testSameAcrossPaths sends the tricky corpus through /direct and /lambda and
// requires the same status and body from both, and the same stored item as
// read back through the other path.
func testSameAcrossPaths(t *testing.T, tg Target, run string) {
	w, k := bearer(tg.writeToken(t)), apiKey(tg.readKey(t))
	for _, c := range tricky() {
		t.Run(c.name, func(t *testing.T) {
			var answers [2]Response
			for i, tree := range []string{"/direct", "/lambda"} {
				id := fmt.Sprintf("same-%s-%s-%d", run, c.name, i)
				body := itemJSON(id, c.first, c.age, c.extra)
				answers[i] = tg.do(t, "POST", tree+"/items", body, w)
				if answers[i].Status != 201 {
					t.Fatalf("%s create: status %d body %s", tree, answers[i].Status, truncate(answers[i].Body))
				}
				if !sameJSON(answers[i].JSON(t), decode(t, body)) {
					t.Fatalf("%s create changed a value:\n got %s\nwant %s", tree, truncate(answers[i].Body), truncate(body))
				}
				// Read back through the other path: both store the same item.
				other := []string{"/lambda", "/direct"}[i]
				g := tg.readAfterWrite(t, "GET", itemPath(other, id), k, item(t, body))
				if g.Status != 200 || !sameJSON(g.JSON(t), decode(t, body)) {
					t.Fatalf("stored via %s, read via %s: status %d\n got %s\nwant %s", tree, other, g.Status, truncate(g.Body), truncate(body))
				}
				g2 := tg.readAfterWrite(t, "GET", itemPath(tree, id), k, item(t, body))
				if g2.Status != 200 || !sameJSON(g.JSON(t), g2.JSON(t)) {
					t.Fatalf("get differs across paths:\n%s\n%s", truncate(g.Body), truncate(g2.Body))
				}
			}
		})
	}
}

func testErrors(t *testing.T, tg Target, run string) {
	w, k := bearer(tg.writeToken(t)), apiKey(tg.readKey(t))
	for _, tree := range trees {
		t.Run("tree="+tree, func(t *testing.T) {
			for _, q := range []string{"limit=0", "limit=101", "limit=abc", "limit=-1", "next=%21%21notbase64", "next=" + url.QueryEscape("eyJub3QiOiJhIGtleSJ9")} {
				r := tg.do(t, "GET", tree+"/items?"+q, nil, k)
				if r.Status != 400 {
					t.Errorf("GET ?%s: status %d, want 400; body %s", q, r.Status, truncate(r.Body))
					continue
				}
				r.Message(t)
			}
			id := "err-" + run + strings.ReplaceAll(tree, "/", "-")
			r := tg.do(t, "PUT", itemPath(tree, id), itemJSON(id+"-other", "A", "1", nil), w)
			if r.Status != 400 {
				t.Errorf("PUT with a different body ID: status %d, want 400", r.Status)
			} else {
				r.Message(t)
			}
			if g := tg.do(t, "GET", itemPath(tree, id+"-other"), nil, k); g.Status != 404 {
				t.Errorf("rejected PUT wrote an item: GET status %d", g.Status)
			}
			r = tg.do(t, "GET", itemPath(tree, "missing-"+run), nil, k)
			if r.Status != 404 {
				t.Errorf("GET missing: status %d, want 404", r.Status)
			}
		})
	}
}

// testBadBodies sends bodies the validator or the store must reject, and
// checks that nothing was written, that both paths answer the same message,
// and, where it is API Gateway's own validator that refuses, that the
// message is API Gateway's wording, the same on both paths (package apimodel
// states its evidence; a deployed run of this suite is where any difference
// would show).
func testBadBodies(t *testing.T, tg Target, run string) {
	w, k := bearer(tg.writeToken(t)), apiKey(tg.readKey(t))
	big := itemJSON("bad-big-"+run, "Big", "1", map[string]string{"Blob": strings.Repeat("a", 1<<20)})
	typeNoMatch := func(found, allowed string) string {
		return "Invalid request body: [instance type (" + found + ") does not match any allowed primitive type (allowed: " + allowed + ")]"
	}
	const unparsable = "Invalid request body: [Unknown error parsing request body]"
	cases := []struct {
		name, id string
		body     []byte
		want     string // the exact message, "" when not API Gateway's validator's
	}{
		{"malformed", "bad-malformed-" + run, []byte(`{"ID": "bad-malformed-` + run + `", "FirstName": "A", "Age": 1`), unparsable},
		{"age-string", "bad-age-" + run, []byte(`{"ID": "bad-age-` + run + `", "FirstName": "A", "Age": "1"}`), typeNoMatch("string", `["integer","number"]`)},
		{"id-number", "", []byte(`{"ID": 12, "FirstName": "A", "Age": 1}`), typeNoMatch("integer", `["string"]`)},
		{"missing-first", "bad-missing-" + run, []byte(`{"ID": "bad-missing-` + run + `", "Age": 1}`),
			`Invalid request body: [object has missing required properties (["FirstName"])]`},
		{"extra-not-string", "bad-extra-" + run, []byte(`{"ID": "bad-extra-` + run + `", "FirstName": "A", "Age": 1, "Tags": ["x"]}`), typeNoMatch("array", `["string"]`)},
		{"empty-id", "", []byte(`{"ID": "", "FirstName": "A", "Age": 1}`), `Invalid request body: [string "" is too short (length: 0, required minimum: 1)]`},
		{"not-object", "", []byte(`[1, 2]`), typeNoMatch("array", `["object"]`)},
		{"empty", "", []byte(``), unparsable},
		{"one-megabyte", "bad-big-" + run, big, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msgs := map[string]string{}
			for _, tree := range []string{"/direct", "/lambda"} {
				r := tg.do(t, "POST", tree+"/items", c.body, w)
				if r.Status != 400 {
					t.Fatalf("%s: status %d, want 400; body %s", tree, r.Status, truncate(r.Body))
				}
				msgs[tree] = r.Message(t)
				if c.want != "" && msgs[tree] != c.want {
					t.Errorf("%s: message %q, want %q", tree, msgs[tree], c.want)
				}
				if c.id != "" {
					if g := tg.do(t, "GET", itemPath(tree, c.id), nil, k); g.Status != 404 {
						t.Fatalf("%s: rejected body was written: GET status %d", tree, g.Status)
					}
				}
			}
			// Over DynamoDB's item size the direct path passes DynamoDB's own
			// message on and the Lambda path words its own check; only the
			// validator's answers are held equal.
			if c.want != "" && msgs["/direct"] != msgs["/lambda"] {
				t.Errorf("the paths answer differently:\n direct %q\n lambda %q", msgs["/direct"], msgs["/lambda"])
			}
		})
	}
}

func testAuth(t *testing.T, tg Target, run string) {
	k := apiKey(tg.readKey(t))
	id := "auth-" + run
	body := itemJSON(id, "Auth", "1", nil)
	type check struct {
		name, method, path string
		body               []byte
		header             map[string]string
		want               int
	}
	var checks []check
	for _, tree := range trees {
		p := tree + "/items"
		checks = append(checks,
			check{"list without key", "GET", p, nil, nil, 401},
			check{"list with wrong key", "GET", p, nil, apiKey("not-a-key-" + run), 403},
			check{"get without key", "GET", itemPath(tree, id), nil, nil, 401},
			check{"create without token", "POST", p, body, nil, 401},
			check{"create with garbage token", "POST", p, body, bearer("garbage"), 401},
			check{"create with tampered token", "POST", p, body, bearer(tamper(tg.writeToken(t))), 401},
			check{"create with basic auth", "POST", p, body, map[string]string{"Authorization": "Basic YTpi"}, 401},
			check{"replace without token", "PUT", itemPath(tree, id), body, nil, 401},
			check{"delete without token", "DELETE", itemPath(tree, id), nil, nil, 401},
			check{"delete with garbage token", "DELETE", itemPath(tree, id), nil, bearer("garbage"), 401},
		)
		if tg.NoGroupToken != "" {
			checks = append(checks,
				check{"create in no group", "POST", p, body, bearer(tg.NoGroupToken), 403},
				check{"replace in no group", "PUT", itemPath(tree, id), body, bearer(tg.NoGroupToken), 403},
			)
		}
	}
	for _, c := range checks {
		t.Run(c.method+" "+c.path+" "+c.name, func(t *testing.T) {
			r := tg.do(t, c.method, c.path, c.body, c.header)
			if r.Status != c.want {
				t.Fatalf("status %d, want %d; body %s", r.Status, c.want, truncate(r.Body))
			}
			r.Message(t)
		})
	}
	// Nothing above wrote the item.
	if r := tg.do(t, "GET", itemPath("/direct", id), nil, k); r.Status != 404 {
		t.Fatalf("a rejected call wrote the item: GET status %d", r.Status)
	}
	// Every plan's group may write; the Cognito-protected delete takes any valid token.
	for group, tok := range tg.Tokens {
		gid := id + "-" + group
		r := tg.do(t, "POST", "/direct/items", itemJSON(gid, "G", "1", nil), bearer(tok))
		if r.Status != 201 {
			t.Fatalf("create as %s: status %d body %s", group, r.Status, r.Body)
		}
		if r = tg.do(t, "DELETE", itemPath("/lambda", gid), nil, bearer(tok)); r.Status != 204 {
			t.Fatalf("delete as %s: status %d body %s", group, r.Status, r.Body)
		}
		// The raw token passes the Cognito authorizer as well: the item is
		// gone, so the function answers 404.
		if r = tg.do(t, "DELETE", itemPath("/direct", gid), nil, rawToken(tok)); r.Status != 404 {
			t.Fatalf("delete again as %s with the raw token: status %d body %s", group, r.Status, r.Body)
		}
	}
	for plan, key := range tg.APIKeys {
		if r := tg.do(t, "GET", "/lambda/items?limit=1", nil, apiKey(key)); r.Status != 200 {
			t.Fatalf("list with %s key: status %d body %s", plan, r.Status, r.Body)
		}
	}
}

// tamper flips one character of the token's payload, keeping its signature.
func tamper(tok string) string {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 || len(parts[1]) < 2 {
		return tok + "x"
	}
	p := []byte(parts[1])
	if p[1] == 'A' {
		p[1] = 'B'
	} else {
		p[1] = 'A'
	}
	parts[1] = string(p)
	return strings.Join(parts, ".")
}

// testPagination writes items, then walks the list in pages of 3 through
// both paths: every page is within the limit, nothing repeats, every item
// is seen, and both paths hand out the same pages and tokens.
func testPagination(t *testing.T, tg Target, run string) {
	w, k := bearer(tg.writeToken(t)), apiKey(tg.readKey(t))
	want := map[string]bool{}
	for i := 0; i < 8; i++ {
		id := fmt.Sprintf("page-%s-%02d", run, i)
		want[id] = true
		if r := tg.do(t, "POST", "/direct/items", itemJSON(id, "P", fmt.Sprint(i), nil), w); r.Status != 201 {
			t.Fatalf("seed %s: status %d", id, r.Status)
		}
	}
	walk := func(tree string) ([]string, []string) {
		var ids, tokens []string
		seen := map[string]bool{}
		next := ""
		for pages := 0; ; pages++ {
			if pages > 10000 {
				t.Fatalf("%s: pagination does not end", tree)
			}
			q := "?limit=3"
			if next != "" {
				q += "&next=" + url.QueryEscape(next)
			}
			r := tg.do(t, "GET", tree+"/items"+q, nil, k)
			if r.Status != 200 {
				t.Fatalf("%s list: status %d body %s", tree, r.Status, truncate(r.Body))
			}
			var page struct {
				Items []map[string]any `json:"items"`
				Next  *string          `json:"next"`
			}
			if err := json.Unmarshal(r.Body, &page); err != nil {
				t.Fatalf("%s list: %v: %s", tree, err, truncate(r.Body))
			}
			if page.Items == nil {
				t.Fatalf("%s list: no items array: %s", tree, truncate(r.Body))
			}
			if len(page.Items) > 3 {
				t.Fatalf("%s list: %d items on a page of 3", tree, len(page.Items))
			}
			for _, it := range page.Items {
				id, _ := it["ID"].(string)
				if seen[id] {
					t.Fatalf("%s list: %s on two pages", tree, id)
				}
				seen[id] = true
				ids = append(ids, id)
			}
			if page.Next == nil {
				return ids, tokens
			}
			if *page.Next == "" {
				t.Fatalf("%s list: empty next token", tree)
			}
			next = *page.Next
			tokens = append(tokens, next)
		}
	}
	// Both walks are reads after the seeding writes (and after the writes
	// of earlier subtests): against an eventually consistent target they
	// are repeated, within tg.ReadRetry, until they list every seeded item
	// and agree.
	var dIDs, dTok, lIDs, lTok []string
	var missing []string
	deadline := time.Now().Add(tg.ReadRetry)
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		dIDs, dTok = walk("/direct")
		lIDs, lTok = walk("/lambda")
		seen := map[string]bool{}
		for _, id := range dIDs {
			seen[id] = true
		}
		missing = missing[:0]
		for id := range want {
			if !seen[id] {
				missing = append(missing, id)
			}
		}
		same := strings.Join(dIDs, ",") == strings.Join(lIDs, ",") && strings.Join(dTok, ",") == strings.Join(lTok, ",")
		if (len(missing) == 0 && same) || time.Now().Add(wait).After(deadline) {
			break
		}
		time.Sleep(wait)
	}
	for _, id := range missing {
		t.Errorf("item %s never listed", id)
	}
	if len(dTok) < 2 {
		t.Errorf("8 items in pages of 3 gave %d next tokens", len(dTok))
	}
	if strings.Join(dIDs, ",") != strings.Join(lIDs, ",") || strings.Join(dTok, ",") != strings.Join(lTok, ",") {
		t.Errorf("paths page differently:\n direct %v %v\n lambda %v %v", dIDs, dTok, lIDs, lTok)
	}
}

func testUnknownRoute(t *testing.T, tg Target) {
	for _, p := range []string{"/nope", "/direct/nope", "/items/a/b", "/direct/items/x/y"} {
		r := tg.do(t, "GET", p, nil, nil)
		if r.Status != 403 || r.Message(t) != "Missing Authentication Token" {
			t.Errorf("GET %s: status %d body %s, want 403 Missing Authentication Token", p, r.Status, r.Body)
		}
	}
	r := tg.do(t, "PATCH", "/direct/items", nil, nil)
	if r.Status != 403 {
		t.Errorf("PATCH /direct/items: status %d, want 403", r.Status)
	}
}
