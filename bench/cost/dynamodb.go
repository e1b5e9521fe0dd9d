package cost

import "fmt"

// Sizes DynamoDB rounds request units to.
const (
	writeUnitBytes = 1024
	readUnitBytes  = 4096
)

// OpKind is the kind of DynamoDB call a route makes.
type OpKind int

// The DynamoDB calls the routes make.
const (
	// OpNone makes no DynamoDB call.
	OpNone OpKind = iota
	// OpWrite is PutItem, UpdateItem or DeleteItem: write units for the larger of the
	// item before and after, so callers pass that size.
	OpWrite
	// OpRead is GetItem: read units for the item read.
	OpRead
	// OpScan is Scan: read units for the total size of the items read.
	OpScan
)

// Op is one DynamoDB call.
type Op struct {
	Kind OpKind
	// ItemBytes is the size of one item as DynamoDB counts it (see ItemBytes).
	ItemBytes int
	// Items is how many items a Scan reads; ignored for other kinds.
	Items int
	// Consistent marks a strongly consistent read; reads are eventually
	// consistent, at half the units, otherwise.
	Consistent bool
}

// WriteUnits returns the write request units of writing an item of size
// bytes: one per started KB, at least one.
func WriteUnits(bytes int) float64 {
	return float64(ceilDiv(bytes, writeUnitBytes))
}

// ReadUnits returns the read request units of reading bytes in one read:
// one per started 4 KB, at least one, halved when not strongly consistent.
// A Scan passes the total size of the items it reads.
func ReadUnits(bytes int, consistent bool) float64 {
	u := float64(ceilDiv(bytes, readUnitBytes))
	if !consistent {
		u /= 2
	}
	return u
}

// Units returns the write and read request units of the call.
func (o Op) Units() (write, read float64, err error) {
	if o.ItemBytes < 0 || o.Items < 0 {
		return 0, 0, fmt.Errorf("cost: negative size in %+v", o)
	}
	switch o.Kind {
	case OpNone:
		return 0, 0, nil
	case OpWrite:
		return WriteUnits(o.ItemBytes), 0, nil
	case OpRead:
		return 0, ReadUnits(o.ItemBytes, o.Consistent), nil
	case OpScan:
		return 0, ReadUnits(o.ItemBytes*o.Items, o.Consistent), nil
	default:
		return 0, 0, fmt.Errorf("cost: unknown DynamoDB operation kind %d", o.Kind)
	}
}

// ceilDiv returns n/d rounded up, and at least 1: DynamoDB bills a minimum
// of one unit per call.
func ceilDiv(n, d int) int {
	q := (n + d - 1) / d
	if q < 1 {
		return 1
	}
	return q
}
