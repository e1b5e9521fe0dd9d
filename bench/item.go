package bench

import (
	"encoding/json"
	"fmt"
)

// PageSize is the limit the list benchmark asks for, and how many items it
// makes sure exist first.
const PageSize = 25

// SampleItem is the item every benchmark writes: the contract's required
// attributes plus two optional strings, a typical small record.
func SampleItem(id string) map[string]any {
	return map[string]any{
		"ID":        id,
		"FirstName": "Ada",
		"LastName":  "Lovelace",
		"Age":       json.Number("36"),
		"City":      "London",
	}
}

// sampleBody is SampleItem(id) as a request body.
func sampleBody(id string) ([]byte, error) {
	b, err := json.Marshal(SampleItem(id))
	if err != nil {
		return nil, fmt.Errorf("bench: encode item: %w", err)
	}
	return b, nil
}
