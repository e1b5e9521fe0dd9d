package mapping

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// AttributeValues maps the item to the DynamoDB item written for it: Age as
// N with the number's exact text, every other property as S. (Built by hand
// rather than with the SDK's attributevalue package, whose DynamoDB Streams
// dependency would add to every cold start of the items function.)
func (it Item) AttributeValues() (map[string]types.AttributeValue, error) {
	av := make(map[string]types.AttributeValue, 3+len(it.Extra))
	for k, v := range it.Extra {
		av[k] = &types.AttributeValueMemberS{Value: v}
	}
	av[AttrID] = &types.AttributeValueMemberS{Value: it.ID}
	av[AttrFirstName] = &types.AttributeValueMemberS{Value: it.FirstName}
	av[AttrAge] = &types.AttributeValueMemberN{Value: string(it.Age)}
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
	var it Item
	if id, ok := av[AttrID].(*types.AttributeValueMemberS); ok {
		it.ID = id.Value
	} else {
		return Item{}, fmt.Errorf("mapping: item attribute ID is %s, want S", kind(av[AttrID]))
	}
	for k, v := range av {
		switch k {
		case AttrID:
		case AttrAge:
			n, ok := v.(*types.AttributeValueMemberN)
			if !ok || !isJSONNumber(n.Value) {
				return Item{}, fmt.Errorf("mapping: item %q: Age is %s, want an N holding a JSON number", it.ID, kind(v))
			}
			it.Age = json.Number(n.Value)
		default:
			s, ok := v.(*types.AttributeValueMemberS)
			if !ok {
				return Item{}, fmt.Errorf("mapping: item %q: attribute %q is %s, want S", it.ID, k, kind(v))
			}
			if k == AttrFirstName {
				it.FirstName = s.Value
				continue
			}
			if it.Extra == nil {
				it.Extra = make(map[string]string, len(av)-3)
			}
			it.Extra[k] = s.Value
		}
	}
	for _, k := range []string{AttrFirstName, AttrAge} {
		if _, ok := av[k]; !ok {
			return Item{}, fmt.Errorf("mapping: item %q lacks attribute %s", it.ID, k)
		}
	}
	return it, nil
}

// kind names an attribute value's DynamoDB type for error messages.
func kind(v types.AttributeValue) string {
	switch v := v.(type) {
	case nil:
		return "missing"
	case *types.AttributeValueMemberN:
		return "N " + v.Value
	default:
		return strings.TrimPrefix(fmt.Sprintf("%T", v), "*types.AttributeValueMember")
	}
}
