package gateway

import "testing"

// TestLiteralBracesAreAnID: a request for /items/{id} (escaped or not) is
// the item whose id is "{id}", not a literal match of the placeholder; the
// parameter is the segment as sent.
func TestLiteralBracesAreAnID(t *testing.T) {
	m := fixture(t, nil)
	for _, path := range []string{"/lambda/items/{id}", "/lambda/items/%7Bid%7D"} {
		node, params, ok := match(m, path)
		if !ok || node.Path != "/lambda/items/{id}" || params["id"] != path[len("/lambda/items/"):] {
			t.Fatalf("%s: %v %v %v", path, ok, node, params)
		}
	}
}
