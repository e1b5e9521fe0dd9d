package vtl

// node is one element of a template body: text, a rendered reference or a
// directive.
type node interface{ isNode() }

// expr is an expression inside a directive, a method argument or a literal.
type expr interface{ isExpr() }

// textNode is literal output.
type textNode struct{ text string }

// refNode renders a reference; undefined references render as their source text.
type refNode struct {
	ref   *refExpr
	quiet bool
	// slashes is the number of backslashes written right before the '$'.
	slashes int
}

// setNode is #set($target = value).
type setNode struct {
	target *refExpr
	value  expr
	pos    int
}

// ifNode is #if/#elseif/#else/#end.
type ifNode struct {
	conds  []expr
	bodies [][]node
	els    []node
}

// foreachNode is #foreach($v in iter) body #end.
type foreachNode struct {
	varSlot int // the loop variable's slot
	iter    expr
	body    []node
	pos     int
	// keySet is set when iter is a reference ending in .keySet() (see
	// isKeySetCall): the keys are iterated without building the list.
	keySet bool
}

// breakNode is #break; stopNode is #stop.
type (
	breakNode struct{}
	stopNode  struct{}
)

func (*textNode) isNode()    {}
func (*refNode) isNode()     {}
func (*setNode) isNode()     {}
func (*ifNode) isNode()      {}
func (*foreachNode) isNode() {}
func (*breakNode) isNode()   {}
func (*stopNode) isNode()    {}

// partKind tells what a reference suffix does.
type partKind int

const (
	partProp   partKind = iota // .name
	partMethod                 // .name(args)
	partIndex                  // [expr]
)

// refPart is one suffix of a reference: $a.b, $a.b(c), $a[i].
type refPart struct {
	kind  partKind
	name  string
	args  []expr
	index expr
	pos   int
	// getter and isser are the bean accessors a property falls back to on
	// values other than maps (getName, isName), spelled once at parse time.
	getter, isser string
}

// refExpr is a reference like $a.b.c(1)[2]; lit is its source text.
type refExpr struct {
	name  string
	slot  int // the variable's slot (see slotTable)
	parts []refPart
	lit   string
	pos   int
	short shortcut // set by the parser (classifyRef)
}

// litExpr is a constant: string, int64, float64, bool or nil.
type litExpr struct{ v any }

// interpExpr is a double-quoted string with references or directives inside.
type interpExpr struct{ nodes []node }

// listExpr is [a, b, c].
type listExpr struct{ items []expr }

// rangeExpr is [from..to].
type rangeExpr struct {
	from, to expr
	pos      int
}

// mapExpr is {k: v, ...}.
type mapExpr struct{ keys, vals []expr }

// binExpr is a binary operation.
type binExpr struct {
	op   string
	l, r expr
	pos  int
}

// unaryExpr is ! or unary minus.
type unaryExpr struct {
	op  string
	x   expr
	pos int
}

func (*refExpr) isExpr()    {}
func (*litExpr) isExpr()    {}
func (*interpExpr) isExpr() {}
func (*listExpr) isExpr()   {}
func (*rangeExpr) isExpr()  {}
func (*mapExpr) isExpr()    {}
func (*binExpr) isExpr()    {}
func (*unaryExpr) isExpr()  {}
