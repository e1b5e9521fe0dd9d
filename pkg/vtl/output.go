package vtl

import "strings"

// outBuf is the text a render writes: the template output, or a
// double-quoted string being interpolated. Its storage comes from the
// render state's pool of buffers, so a render allocates only the final
// string, exactly sized.
type outBuf struct{ b []byte }

// WriteString appends s.
func (o *outBuf) WriteString(s string) (int, error) {
	o.b = append(o.b, s...)
	return len(s), nil
}

// WriteByte appends c.
func (o *outBuf) WriteByte(c byte) error {
	o.b = append(o.b, c)
	return nil
}

// Len returns the number of bytes written.
func (o *outBuf) Len() int { return len(o.b) }

// textWriter is what the value and escape writers append to: a render's
// outBuf or a strings.Builder building a standalone string.
type textWriter interface {
	*outBuf | *strings.Builder
	WriteString(s string) (int, error)
	WriteByte(c byte) error
	Len() int
}

// maxPooledBuf bounds the capacity of a buffer kept for later renders.
const maxPooledBuf = 64 << 10

// takeBuf returns an empty buffer, reusing one of the state's when it
// has one. Buffers are pointers owned by the state (not locals), so that
// writing through them never makes a render allocate a buffer header.
func (st *state) takeBuf() *outBuf {
	if n := len(st.bufs); n > 0 {
		o := st.bufs[n-1]
		st.bufs[n-1] = nil
		st.bufs = st.bufs[:n-1]
		return o
	}
	return &outBuf{}
}

// recycle empties o and gives it back to the state for reuse; o must not
// be used afterwards (copy its text out first). Storage grown past
// maxPooledBuf is dropped.
func (st *state) recycle(o *outBuf) {
	if cap(o.b) > maxPooledBuf {
		o.b = nil
	}
	o.b = o.b[:0]
	st.bufs = append(st.bufs, o)
}
