package cost

import "testing"

func TestWriteUnits(t *testing.T) {
	cases := []struct {
		bytes int
		want  float64
	}{
		{0, 1},    // a call bills at least one unit
		{1, 1},    // 1 B starts the first KB
		{1024, 1}, // exactly 1 KB
		{1025, 2}, // one byte over: ceil(1025/1024) = 2
		{3500, 4}, // ceil(3500/1024) = ceil(3.42) = 4
	}
	for _, c := range cases {
		if got := WriteUnits(c.bytes); got != c.want {
			t.Errorf("WriteUnits(%d) = %v, want %v", c.bytes, got, c.want)
		}
	}
}

func TestReadUnits(t *testing.T) {
	cases := []struct {
		bytes      int
		consistent bool
		want       float64
	}{
		{100, true, 1},      // ceil(100/4096) = 1
		{100, false, 0.5},   // eventually consistent: 1/2
		{4096, true, 1},     // exactly 4 KB
		{4097, true, 2},     // ceil(4097/4096) = 2
		{10240, false, 1.5}, // 10 KB -> 12 KB = 3 units, halved = 1.5
	}
	for _, c := range cases {
		if got := ReadUnits(c.bytes, c.consistent); got != c.want {
			t.Errorf("ReadUnits(%d, %v) = %v, want %v", c.bytes, c.consistent, got, c.want)
		}
	}
}

func TestOpUnits(t *testing.T) {
	cases := []struct {
		name        string
		op          Op
		write, read float64
	}{
		{"put 1.5 KB", Op{Kind: OpWrite, ItemBytes: 1536}, 2, 0},
		{"get 1.5 KB eventual", Op{Kind: OpRead, ItemBytes: 1536}, 0, 0.5},
		// Scan sums before rounding: 25 x 200 B = 5000 B -> ceil(5000/4096) = 2 units,
		// eventually consistent halves it: 1. Rounding each item would give 25 x 0.5 = 12.5.
		{"scan 25 x 200 B", Op{Kind: OpScan, ItemBytes: 200, Items: 25}, 0, 1},
		{"scan 25 x 200 B strong", Op{Kind: OpScan, ItemBytes: 200, Items: 25, Consistent: true}, 0, 2},
		// An empty page still bills the minimum unit: 1 / 2 = 0.5.
		{"scan empty", Op{Kind: OpScan, ItemBytes: 200, Items: 0}, 0, 0.5},
		{"none", Op{}, 0, 0},
	}
	for _, c := range cases {
		w, r, err := c.op.Units()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if w != c.write || r != c.read {
			t.Errorf("%s: units = (%v, %v), want (%v, %v)", c.name, w, r, c.write, c.read)
		}
	}
}

func TestOpUnitsRejects(t *testing.T) {
	for _, op := range []Op{{Kind: OpKind(99)}, {Kind: OpWrite, ItemBytes: -1}, {Kind: OpScan, Items: -1}} {
		if _, _, err := op.Units(); err == nil {
			t.Errorf("Units(%+v): want an error", op)
		}
	}
}
