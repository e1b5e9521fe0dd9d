package awsenv_test

import (
	"fmt"
	"strconv"
)

func itoa(n int) string { return strconv.Itoa(n) }

func typeName(v any) string { return fmt.Sprintf("%T", v) }
