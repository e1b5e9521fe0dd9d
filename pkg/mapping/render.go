package mapping

// ErrorBody renders the contract's error body, {"message":"..."}.
func ErrorBody(msg string) []byte {
	b := []byte(`{"message":`)
	b = AppendJSONString(b, msg)
	return append(b, '}')
}

// ItemBody renders one item as the body of a create, get or replace answer.
func ItemBody(it Item) ([]byte, error) { return it.MarshalJSON() }

// ListBody renders a page of the list route: {"items":[...],"next":"T"},
// with next left out when it is empty (the last page). items is never null.
func ListBody(items []Item, next string) ([]byte, error) {
	b := []byte(`{"items":[`)
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = it.AppendJSON(b); err != nil {
			return nil, err
		}
	}
	b = append(b, ']')
	if next != "" {
		b = append(b, `,"next":`...)
		b = AppendJSONString(b, next)
	}
	return append(b, '}'), nil
}
