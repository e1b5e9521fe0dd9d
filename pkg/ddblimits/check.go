package ddblimits

import (
	"strings"
)

// request holds the parts of a DynamoDB request the front checks.
type request struct {
	TableName                 string
	Key                       map[string]attrValue
	Item                      map[string]attrValue
	UpdateExpression          string
	ConditionExpression       string
	ProjectionExpression      string
	FilterExpression          string
	KeyConditionExpression    string
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]attrValue
}

// keySchema names a table's key attributes; Range is empty without a sort key.
type keySchema struct{ Hash, Range string }

// checkExpressions returns DynamoDB's message for the first expression
// string over 4 KB, or "".
func checkExpressions(r *request) string {
	for _, e := range []struct{ name, expr string }{
		{"KeyConditionExpression", r.KeyConditionExpression},
		{"UpdateExpression", r.UpdateExpression},
		{"ConditionExpression", r.ConditionExpression},
		{"FilterExpression", r.FilterExpression},
		{"ProjectionExpression", r.ProjectionExpression},
	} {
		if len(e.expr) > maxExprBytes {
			return exprTooLong(e.name, len(e.expr))
		}
	}
	return ""
}

// checkKeys returns DynamoDB's message when the key attributes of attrs
// (a Key or a PutItem's Item) are over their limits, or "".
func checkKeys(attrs map[string]attrValue, ks keySchema) string {
	if v, ok := attrs[ks.Hash]; ok {
		if n, ok := keyBytes(v); ok && n > maxHashKeyBytes {
			return hashKeyTooLong
		}
	}
	if ks.Range != "" {
		if v, ok := attrs[ks.Range]; ok {
			if n, ok := keyBytes(v); ok && n > maxRangeKeyBytes {
				return rangeKeyTooLong
			}
		}
	}
	return ""
}

// checkPutSize returns DynamoDB's message for a PutItem item over 400 KB.
func checkPutSize(r *request) string {
	if n, ok := itemSize(r.Item); ok && n > maxItemBytes {
		return itemTooLarge
	}
	return ""
}

// checkUpdateSize returns DynamoDB's message for an UpdateItem whose key
// and SET values alone are over 400 KB: the item after the update holds at
// least those. Only an UpdateExpression made of one SET clause of
// "name = :value" assignments is read; anything else passes.
func checkUpdateSize(r *request) string {
	rest, ok := strings.CutPrefix(strings.TrimSpace(r.UpdateExpression), "SET ")
	if !ok {
		return ""
	}
	attrs := map[string]attrValue{}
	for k, v := range r.Key {
		attrs[k] = v
	}
	for _, part := range strings.Split(rest, ",") {
		path, value, found := strings.Cut(part, "=")
		path, value = strings.TrimSpace(path), strings.TrimSpace(value)
		if !found || !strings.HasPrefix(value, ":") || strings.ContainsAny(path, ".[ ") {
			return ""
		}
		if strings.HasPrefix(path, "#") {
			name, ok := r.ExpressionAttributeNames[path]
			if !ok {
				return ""
			}
			path = name
		}
		v, ok := r.ExpressionAttributeValues[value]
		if !ok {
			return ""
		}
		attrs[path] = v
	}
	if n, ok := itemSize(attrs); ok && n > maxItemBytes {
		return updateTooLarge
	}
	return ""
}
