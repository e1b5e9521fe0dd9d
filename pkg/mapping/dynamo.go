package mapping

import (
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// AttributeValues maps the item to the DynamoDB item written for it: Age as
// N with the number's exact text, every other property as S.
func (it Item) AttributeValues() (map[string]types.AttributeValue, error) {
	doc := make(map[string]any, 3+len(it.Extra))
	for k, v := range it.Extra {
		doc[k] = v
	}
	doc[AttrID] = it.ID
	doc[AttrFirstName] = it.FirstName
	doc[AttrAge] = attributevalue.Number(it.Age)
	av, err := attributevalue.MarshalMap(doc)
	if err != nil {
		return nil, fmt.Errorf("mapping: marshal item %q: %w", it.ID, err)
	}
	return av, nil
}

// Key returns the DynamoDB key of the item with the given ID.
func Key(id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{AttrID: &types.AttributeValueMemberS{Value: id}}
}

// ItemFromAttributeValues maps a DynamoDB item back to an Item. ID and
// FirstName must be S, Age N, and every other attribute S; anything else is
// an error (the table holds only what the contract wrote).
func ItemFromAttributeValues(av map[string]types.AttributeValue) (Item, error) {
	var doc map[string]any
	err := attributevalue.UnmarshalMapWithOptions(av, &doc, func(o *attributevalue.DecoderOptions) { o.UseNumber = true })
	if err != nil {
		return Item{}, fmt.Errorf("mapping: unmarshal item: %w", err)
	}
	var it Item
	for k, v := range doc {
		switch k {
		case AttrID:
			s, ok := v.(string)
			if !ok {
				return Item{}, fmt.Errorf("mapping: item attribute ID is %T, want S", v)
			}
			it.ID = s
		case AttrFirstName:
			s, ok := v.(string)
			if !ok {
				return Item{}, fmt.Errorf("mapping: item %q: FirstName is %T, want S", it.ID, v)
			}
			it.FirstName = s
		case AttrAge:
			n, ok := v.(attributevalue.Number)
			if !ok || !isJSONNumber(string(n)) {
				return Item{}, fmt.Errorf("mapping: item %q: Age is %v, want an N holding a JSON number", it.ID, v)
			}
			it.Age = json.Number(n)
		default:
			s, ok := v.(string)
			if !ok {
				return Item{}, fmt.Errorf("mapping: item %q: attribute %q is %T, want S", it.ID, k, v)
			}
			if it.Extra == nil {
				it.Extra = make(map[string]string, len(doc)-3)
			}
			it.Extra[k] = s
		}
	}
	for _, k := range []string{AttrID, AttrFirstName, AttrAge} {
		if _, ok := doc[k]; !ok {
			return Item{}, fmt.Errorf("mapping: item %q lacks attribute %s", it.ID, k)
		}
	}
	return it, nil
}
