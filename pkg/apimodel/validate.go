package apimodel

import (
	"encoding/json"
	"sort"
	"unicode/utf8"
)

// Check decodes body (see Decode) and validates it against the model. It
// returns the decoded value, numbers as json.Number, or a *Failure.
func (m *Model) Check(body []byte) (any, error) {
	doc, err := Decode(body)
	if err != nil {
		return nil, err
	}
	if err := m.Validate(doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// Validate validates a decoded value (from Decode) as the Java library does,
// returning nil or a *Failure:
//   - at each schema, the keywords that apply to the value's type run in the
//     order of their names, and each failure adds its reason;
//   - if any reason has been reported so far, validation does not descend
//     into the value's members or elements (the library's default, without
//     "deep check"), so a missing property hides a wrongly typed sibling,
//     while members already being visited still report their own keywords;
//   - members are visited in Java string order of their names, each against
//     its schemas from properties, then patternProperties, or else
//     additionalProperties;
//   - allOf, anyOf, oneOf and not validate their schemas apart and report one
//     reason each.
func (m *Model) Validate(doc any) error {
	var r report
	r.process(m.root, doc)
	if len(r.reasons) == 0 {
		return nil
	}
	return &Failure{Reasons: r.reasons}
}

// report collects reasons in order.
type report struct{ reasons []string }

func (r *report) add(s string) { r.reasons = append(r.reasons, s) }

// valid validates v against s on a report of its own.
func valid(s *schema, v any) bool {
	var sub report
	sub.process(s, v)
	return len(sub.reasons) == 0
}

func (r *report) process(s *schema, v any) {
	r.keywords(s, v)
	if len(r.reasons) > 0 {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		r.members(s, x)
	case []any:
		r.elements(s, x)
	}
}

// keywords runs the keywords that apply to v's type, in name order:
// additionalItems, additionalProperties, allOf, anyOf, enum, maxItems,
// maxLength, maxProperties, maximum, minItems, minLength, minProperties,
// minimum, not, oneOf, pattern, required, type, uniqueItems.
func (r *report) keywords(s *schema, v any) {
	switch x := v.(type) {
	case []any:
		if s.noAddItems && s.itemList != nil && len(x) > len(s.itemList) {
			r.add(msg(msgExtraItems, len(s.itemList), len(x)))
		}
	case map[string]any:
		if s.noAdditional {
			if extra := s.extraMembers(x); len(extra) > 0 {
				r.add(msg(msgNotAllowed, strList(extra)))
			}
		}
	}
	r.combinators(s, v, true)
	if s.hasEnum && !inEnum(s.enum, v) {
		r.add(msg(msgNotInEnum, render(v), render(s.enum)))
	}
	r.sizes(s, v)
	r.combinators(s, v, false)
	if str, ok := v.(string); ok && s.pattern != nil && !s.pattern.MatchString(str) {
		r.add(msg(msgNoMatch, s.pattern.String(), str))
	}
	if obj, ok := v.(map[string]any); ok && s.required != nil {
		var missing []string
		for _, name := range s.required {
			if _, ok := obj[name]; !ok {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			r.add(msg(msgMissing, strList(missing)))
		}
	}
	if s.types != nil && !allows(s.types, kind(v)) {
		r.add(msg(msgTypeNoMatch, kind(v), strList(s.types)))
	}
	if arr, ok := v.([]any); ok && s.uniqueItems && hasDuplicates(arr) {
		r.add(msgDuplicates)
	}
}

// combinators runs allOf and anyOf (first) or not and oneOf (second), so
// that with the other keywords they keep name order.
func (r *report) combinators(s *schema, v any, first bool) {
	count := func(list []*schema) int {
		n := 0
		for _, sub := range list {
			if valid(sub, v) {
				n++
			}
		}
		return n
	}
	if first {
		if s.allOf != nil {
			if n := count(s.allOf); n != len(s.allOf) {
				r.add(msg(msgAllOf, n, len(s.allOf)))
			}
		}
		if s.anyOf != nil && count(s.anyOf) == 0 {
			r.add(msg(msgAnyOf, len(s.anyOf)))
		}
		return
	}
	if s.not != nil && valid(s.not, v) {
		r.add(msgNot)
	}
	if s.oneOf != nil {
		if n := count(s.oneOf); n != 1 {
			r.add(msg(msgOneOf, n, len(s.oneOf)))
		}
	}
}

// sizes runs maxItems, maxLength, maxProperties, maximum, minItems,
// minLength, minProperties and minimum, in that order, on the types they
// apply to. Lengths count code points, as the library does.
func (r *report) sizes(s *schema, v any) {
	arr, isArr := v.([]any)
	str, isStr := v.(string)
	obj, isObj := v.(map[string]any)
	num, isNum := v.(json.Number)
	if isArr && s.maxItems != nil && len(arr) > *s.maxItems {
		r.add(msg(msgArrayLong, *s.maxItems, len(arr)))
	}
	if isStr && s.maxLength != nil && utf8.RuneCountInString(str) > *s.maxLength {
		r.add(msg(msgTooLong, str, utf8.RuneCountInString(str), *s.maxLength))
	}
	if isObj && s.maxProps != nil && len(obj) > *s.maxProps {
		r.add(msg(msgTooManyProps, len(obj), *s.maxProps))
	}
	if isNum && s.maximum != nil {
		c := numCmp(num, *s.maximum)
		switch {
		case c > 0:
			r.add(msg(msgTooLarge, string(*s.maximum), string(num)))
		case c == 0 && s.exclusiveMax:
			r.add(msg(msgNotLower, string(*s.maximum)))
		}
	}
	if isArr && s.minItems != nil && len(arr) < *s.minItems {
		r.add(msg(msgArrayShort, *s.minItems, len(arr)))
	}
	if isStr && s.minLength != nil && utf8.RuneCountInString(str) < *s.minLength {
		r.add(msg(msgTooShort, str, utf8.RuneCountInString(str), *s.minLength))
	}
	if isObj && s.minProps != nil && len(obj) < *s.minProps {
		r.add(msg(msgTooFewProps, len(obj), *s.minProps))
	}
	if isNum && s.minimum != nil {
		c := numCmp(num, *s.minimum)
		switch {
		case c < 0:
			r.add(msg(msgTooSmall, string(*s.minimum), string(num)))
		case c == 0 && s.exclusiveMin:
			r.add(msg(msgNotGreater, string(*s.minimum)))
		}
	}
}

// extraMembers lists, in Java order, the members neither properties nor
// patternProperties name.
func (s *schema) extraMembers(obj map[string]any) []string {
	var extra []string
	for name := range obj {
		if _, ok := s.properties[name]; ok {
			continue
		}
		matched := false
		for _, p := range s.patternProps {
			matched = matched || p.re.MatchString(name)
		}
		if !matched {
			extra = append(extra, name)
		}
	}
	sortJava(extra)
	return extra
}

// members validates each member against its schemas.
func (r *report) members(s *schema, obj map[string]any) {
	names := make([]string, 0, len(obj))
	for name := range obj {
		names = append(names, name)
	}
	sortJava(names)
	for _, name := range names {
		var subs []*schema
		if p, ok := s.properties[name]; ok {
			subs = append(subs, p)
		}
		for _, p := range s.patternProps {
			if p.re.MatchString(name) {
				subs = append(subs, p.s)
			}
		}
		if len(subs) == 0 && s.additional != nil {
			subs = append(subs, s.additional)
		}
		for _, sub := range subs {
			r.process(sub, obj[name])
		}
	}
}

// elements validates each element against its schema.
func (r *report) elements(s *schema, arr []any) {
	for i, e := range arr {
		var sub *schema
		switch {
		case s.items != nil:
			sub = s.items
		case i < len(s.itemList):
			sub = s.itemList[i]
		case s.itemList != nil:
			sub = s.addItems
		}
		if sub != nil {
			r.process(sub, e)
		}
	}
}

func allows(types []string, k string) bool {
	i := sort.SearchStrings(types, k)
	return i < len(types) && types[i] == k
}

func inEnum(enum []any, v any) bool {
	for _, e := range enum {
		if jsonEqual(e, v) {
			return true
		}
	}
	return false
}

func hasDuplicates(arr []any) bool {
	for i := range arr {
		for j := i + 1; j < len(arr); j++ {
			if jsonEqual(arr[i], arr[j]) {
				return true
			}
		}
	}
	return false
}
