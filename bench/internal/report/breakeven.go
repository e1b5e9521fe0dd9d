package report

import (
	"fmt"
	"math"
	"time"

	"apigwdirect/bench/cost"
)

// BreakEvenMemories are the function sizes the break-even chart draws.
func BreakEvenMemories() []int { return []int{128, 512, 1024} }

// BreakEvenChart draws each option's monthly bill for traffic t at prices
// p as the items function's duration grows from 0 to maxMs, one line per
// option running the function and memory size (BreakEvenMemories, dashed
// from the second), the REST direct bill flat beside them, and a marker
// where HTTP API + Lambda stops being cheaper than REST direct.
func BreakEvenChart(t cost.Traffic, p cost.Prices, maxMs int) (LineChart, error) {
	if maxMs < 10 {
		return LineChart{}, fmt.Errorf("report: break-even chart up to %d ms is too short", maxMs)
	}
	c := LineChart{
		Title: "Monthly bill as the items function's duration grows (" + p.Region + ")",
		XUnit: "items function duration per request (ms)", YUnit: "USD per month",
		FormatY: func(v float64) string { return fmt.Sprintf("$%.4g", v) },
	}
	direct, err := t.Bill(p, cost.RESTDirect)
	if err != nil {
		return LineChart{}, err
	}
	c.Lines = append(c.Lines, Line{Label: "rest-direct (any duration)", Colour: 0,
		X: []float64{0, float64(maxMs)}, Y: []float64{direct.Total(), direct.Total()}})
	dashes := []string{"", "6 3", "2 2"}
	const steps = 60
	t.Durations = nil
	for oi, o := range []cost.Option{cost.RESTLambda, cost.HTTPLambda, cost.FunctionURL} {
		for mi, mem := range BreakEvenMemories() {
			l := Line{Label: fmt.Sprintf("%s %d MB", o, mem), Colour: oi + 1, Dash: dashes[mi%len(dashes)]}
			for s := 0; s <= steps; s++ {
				ms := math.Round(float64(maxMs) * float64(s) / steps)
				t.Items = cost.Function{MemoryMB: mem, Duration: time.Duration(ms) * time.Millisecond}
				b, err := t.Bill(p, o)
				if err != nil {
					return LineChart{}, err
				}
				l.X, l.Y = append(l.X, ms), append(l.Y, b.Total())
			}
			c.Lines = append(c.Lines, l)
			if o != cost.HTTPLambda {
				continue
			}
			d, ok, err := t.BreakEven(p, o, mem)
			if err != nil {
				return LineChart{}, err
			}
			if ok && d > 0 {
				c.Markers = append(c.Markers, Marker{X: float64(d.Milliseconds()), Y: direct.Total(),
					Label: fmt.Sprintf("%d MB: %d ms", mem, d.Milliseconds())})
			}
		}
	}
	return c, nil
}

// ReportTraffic is the month the report's break-even chart prices: one
// million requests of each route, the benchmark's item and page, the
// functions' memory and the assumed authorizer duration, and as many
// distinct callers per TTL as the assumed cache hit ratio implies.
func ReportTraffic(r Results) cost.Traffic {
	a := r.Assume
	t := cost.Traffic{
		Requests:  map[string]float64{},
		ItemBytes: a.ItemBytes, PageItems: a.PageItems,
		Items:         cost.Function{MemoryMB: a.ItemsMemoryMB},
		Authorizer:    cost.Function{MemoryMB: a.AuthorizerMemoryMB, Duration: time.Duration(a.AuthorizerMillis * float64(time.Millisecond))},
		AuthorizerTTL: a.AuthorizerTTL,
	}
	for _, route := range cost.RouteNames() {
		t.Requests[route] = 1e6
	}
	if t.AuthorizerTTL > 0 {
		// 4M requests carry the Lambda authorizer (all but delete).
		t.Callers = (1 - a.CacheHitRatio) * 4e6 / (cost.MonthSeconds / t.AuthorizerTTL.Seconds())
	}
	return t
}
