package vtl

// Variables are resolved to slots at parse time: every distinct variable
// name of a template gets a small integer, so a render finds a variable by
// indexing instead of comparing names. The built-ins and the loop
// variables Render maintains have fixed slots, the same in every template.
const (
	slotInput = iota
	slotUtil
	slotContext
	slotStageVariables
	slotForeach
	slotVelocityCount
	numFixedSlots
)

// slotTable assigns slots to names while a template is parsed; the parsers
// of string literals inside it share their parent's table.
type slotTable struct {
	names []string
	index map[string]int
	// usedFixed has bit i set when a reference names fixed slot i.
	usedFixed uint
}

// newSlotTable returns a table holding the fixed slots.
func newSlotTable() *slotTable {
	t := &slotTable{
		names: []string{
			slotInput:          "input",
			slotUtil:           "util",
			slotContext:        "context",
			slotStageVariables: "stageVariables",
			slotForeach:        "foreach",
			slotVelocityCount:  "velocityCount",
		},
		index: make(map[string]int, 2*numFixedSlots),
	}
	for i, n := range t.names {
		t.index[n] = i
	}
	return t
}

// slot returns the slot of name, assigning the next one on first sight.
func (t *slotTable) slot(name string) int {
	if i, ok := t.index[name]; ok {
		if i < numFixedSlots {
			t.usedFixed |= 1 << i
		}
		return i
	}
	t.names = append(t.names, name)
	t.index[name] = len(t.names) - 1
	return len(t.names) - 1
}

// used reports whether a reference of the template names fixed slot i.
func (t *slotTable) used(i int) bool { return t.usedFixed&(1<<i) != 0 }

// varTable holds a render's variables, one per slot. Values are never nil
// (a null never becomes a variable's value: #set ignores it and a loop
// over a null element unsets the variable), so nil marks an unset slot.
// Templates use few variables, so the table usually fits the inline array.
type varTable struct {
	vals []any
	buf  [16]any
}

// init sizes the table for n slots, all unset.
func (t *varTable) init(n int) {
	if n <= len(t.buf) {
		t.vals = t.buf[:n]
	} else {
		t.vals = make([]any, n)
	}
}

// get returns the variable's value and whether it is set.
func (t *varTable) get(slot int) (any, bool) {
	v := t.vals[slot]
	return v, v != nil
}

// set assigns a variable; setting nil unsets it.
func (t *varTable) set(slot int, v any) { t.vals[slot] = v }

// unset removes a variable.
func (t *varTable) unset(slot int) { t.vals[slot] = nil }

// restore puts back a saved variable, or removes it if it was unset.
func (t *varTable) restore(slot int, v any, had bool) {
	if had {
		t.set(slot, v)
	} else {
		t.unset(slot)
	}
}
