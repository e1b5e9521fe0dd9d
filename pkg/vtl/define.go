package vtl

// #define($name) body #end binds $name to the body, rendered each time the
// reference is rendered (with the variables as they are then), as
// Velocity's #define does. API Gateway runs it: the Serverless
// Framework's default request template for `integration: lambda` defines
// $loop with it and renders it once per map.

// defineNode is #define($name) body #end.
type defineNode struct {
	slot int
	body []node
	pos  int
}

func (*defineNode) isNode() {}

// defineBlock is the value a #define gives its reference.
type defineBlock struct{ body []node }

// maxBlockDepth bounds blocks rendering blocks (a block that names itself
// would otherwise recurse forever).
const maxBlockDepth = 64

// renderBlock renders a defined block into out.
func (st *state) renderBlock(out *outBuf, b *defineBlock, pos int) error {
	if st.blockDepth >= maxBlockDepth {
		return st.fail(pos, errLimit, "#define blocks nested deeper than %d", maxBlockDepth)
	}
	if err := st.charge(1, pos); err != nil {
		return err
	}
	st.blockDepth++
	defer func() { st.blockDepth-- }()
	_, err := st.exec(out, b.body)
	return err
}

// parseDefine parses the rest of #define( $name ) body #end.
func (p *parser) parseDefine(start int) (node, error) {
	if err := p.enter(start); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	ref, err := p.openPlainVar("define", "block name")
	if err != nil {
		return nil, err
	}
	body, err := p.closeBlock(start, "define")
	if err != nil {
		return nil, err
	}
	return &defineNode{slot: ref.slot, body: body, pos: start}, nil
}
