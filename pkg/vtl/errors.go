package vtl

import "fmt"

// Error is a parse or render error located in a template. Line and Col are
// 1-based; Col counts bytes from the start of the line.
type Error struct {
	Name string // template name given to Parse
	Line int
	Col  int
	Msg  string
	Err  error // underlying cause, if any
}

// Error formats the error as "name:line:col: msg".
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Name, e.Line, e.Col, e.Msg)
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// lineCol converts a byte offset in src to a 1-based line and column.
func lineCol(src string, off int) (int, int) {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line, col := 1, 1
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// newError builds an *Error at byte offset off of src.
func newError(name, src string, off int, cause error, format string, args ...any) *Error {
	line, col := lineCol(src, off)
	return &Error{Name: name, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Err: cause}
}
