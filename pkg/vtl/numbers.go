package vtl

import (
	"math"
	"strconv"
	"strings"
)

// javaDouble formats f like Java's Double.toString: plain notation with at
// least one decimal between 1e-3 and 1e7, otherwise d.dddE±n.
func javaDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	a := math.Abs(f)
	if a >= 1e-3 && a < 1e7 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(f, 'E', -1, 64)
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	exp = strings.TrimPrefix(exp, "+")
	neg := strings.HasPrefix(exp, "-")
	exp = strings.TrimLeft(strings.TrimPrefix(exp, "-"), "0")
	if exp == "" {
		exp = "0"
	}
	if neg {
		exp = "-" + exp
	}
	return mant + "E" + exp
}

// number is a numeric value reduced to an integer or a double.
type number struct {
	i     int64
	f     float64
	isInt bool
}

// toNumber converts a numeric value; ok is false for non-numbers.
func toNumber(v any) (number, bool) {
	switch x := v.(type) {
	case int64:
		return number{i: x, isInt: true}, true
	case float64:
		return number{f: x}, true
	case jsonNumber:
		s := string(x)
		if !strings.ContainsAny(s, ".eE") {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return number{i: n, isInt: true}, true
			}
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !math.IsInf(f, 0) {
			return number{}, false
		}
		return number{f: f}, true
	}
	return number{}, false
}

// float returns the number as a double.
func (n number) float() float64 {
	if n.isInt {
		return float64(n.i)
	}
	return n.f
}

// compareNumbers orders two numeric values; ok is false if either is not
// a number.
func compareNumbers(a, b any) (int, bool) {
	x, ok1 := toNumber(a)
	y, ok2 := toNumber(b)
	if !ok1 || !ok2 {
		return 0, false
	}
	if x.isInt && y.isInt {
		switch {
		case x.i < y.i:
			return -1, true
		case x.i > y.i:
			return 1, true
		}
		return 0, true
	}
	xf, yf := x.float(), y.float()
	switch {
	case xf < yf:
		return -1, true
	case xf > yf:
		return 1, true
	}
	return 0, true
}

// arith applies + - * / % as Velocity 1.7 does: integers stay integers
// (Java integer division), anything with a decimal becomes a double, + with
// a string concatenates, and invalid operands or division by zero give null.
func arith(op string, a, b any) any {
	if op == "+" {
		_, as := a.(string)
		_, bs := b.(string)
		if (as || bs) && a != nil && b != nil {
			return toString(a) + toString(b)
		}
	}
	x, ok1 := toNumber(a)
	y, ok2 := toNumber(b)
	if !ok1 || !ok2 {
		return nil
	}
	if x.isInt && y.isInt {
		if r, ok := intArith(op, x.i, y.i); ok {
			return r
		}
		if (op == "/" || op == "%") && y.i == 0 {
			return nil
		}
	}
	xf, yf := x.float(), y.float()
	switch op {
	case "+":
		return xf + yf
	case "-":
		return xf - yf
	case "*":
		return xf * yf
	case "/":
		if yf == 0 {
			return nil
		}
		return xf / yf
	case "%":
		if yf == 0 {
			return nil
		}
		return math.Mod(xf, yf)
	}
	return nil
}

// intArith does integer arithmetic; ok is false on overflow or division by
// zero (the caller then widens to double or yields null).
func intArith(op string, a, b int64) (int64, bool) {
	switch op {
	case "+":
		r := a + b
		if (r > a) != (b > 0) {
			return 0, false
		}
		return r, true
	case "-":
		r := a - b
		if (r < a) != (b > 0) {
			return 0, false
		}
		return r, true
	case "*":
		if a == 0 || b == 0 {
			return 0, true
		}
		r := a * b
		if r/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
			return 0, false
		}
		return r, true
	case "/":
		if b == 0 || (a == math.MinInt64 && b == -1) {
			return 0, false
		}
		return a / b, true
	case "%":
		if b == 0 {
			return 0, false
		}
		if b == -1 {
			return 0, true
		}
		return a % b, true
	}
	return 0, false
}

// toInt converts a numeric argument to an int (Java int parameter).
func toInt(v any) (int, bool) {
	n, ok := toNumber(v)
	if !ok || !n.isInt || n.i > math.MaxInt32 || n.i < math.MinInt32 {
		return 0, false
	}
	return int(n.i), true
}
