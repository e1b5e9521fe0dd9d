package mapping

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Names of the item's required properties, which are also DynamoDB
// attribute names. ID is the table's partition key.
const (
	AttrID        = "ID"
	AttrFirstName = "FirstName"
	AttrAge       = "Age"
)

// Item is one item of the API. Build it with [Validator.ParseItem] or
// [ItemFromAttributeValues]; the zero value is not a valid item.
type Item struct {
	// ID is the partition key: not empty, at most MaxEncodedIDLength
	// characters once percent-encoded for a path (so at most 1508 UTF-8
	// bytes, within DynamoDB's 2048).
	ID string
	// FirstName is any string, possibly empty.
	FirstName string
	// Age is the exact text of a JSON number, e.g. "42", "-1.5" or "1e3".
	Age json.Number
	// Extra holds every other property; values are strings. Nil when none.
	Extra map[string]string
}

// MarshalJSON renders the item as the API answers it: ID, FirstName, Age (a
// JSON number), then the extra properties sorted by key, compact.
func (it Item) MarshalJSON() ([]byte, error) {
	return it.AppendJSON(nil)
}

// AppendJSON appends the item's JSON (see MarshalJSON) to dst.
func (it Item) AppendJSON(dst []byte) ([]byte, error) {
	if !isJSONNumber(string(it.Age)) {
		return dst, fmt.Errorf("mapping: item %q: Age %q is not a JSON number", it.ID, string(it.Age))
	}
	dst = append(dst, `{"ID":`...)
	dst = AppendJSONString(dst, it.ID)
	dst = append(dst, `,"FirstName":`...)
	dst = AppendJSONString(dst, it.FirstName)
	dst = append(dst, `,"Age":`...)
	dst = append(dst, it.Age...)
	for _, k := range it.extraKeys() {
		dst = append(dst, ',')
		dst = AppendJSONString(dst, k)
		dst = append(dst, ':')
		dst = AppendJSONString(dst, it.Extra[k])
	}
	return append(dst, '}'), nil
}

// extraKeys returns the extra property names in byte order.
func (it Item) extraKeys() []string {
	keys := make([]string, 0, len(it.Extra))
	for k := range it.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
