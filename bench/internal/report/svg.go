package report

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// Bar is one bar of a chart: a value and, optionally, a whisker drawn up
// to a higher value (e.g. p99 over a p50 bar).
type Bar struct {
	Series  string
	Value   float64
	Whisker float64 // 0 draws none
}

// Group is the bars of one category (a route), one per series.
type Group struct {
	Label string
	Bars  []Bar
}

// Chart is a grouped vertical bar chart.
type Chart struct {
	Title string
	// Unit labels the value axis, e.g. "ms" or "USD per million requests".
	Unit   string
	Series []string
	Groups []Group
	// Format renders a value for the labels above the bars.
	Format func(float64) string
}

// Colours of the series, in order.
func palette() []string { return []string{"#2b6cb0", "#dd6b20", "#38a169", "#805ad5"} }

// Layout of the chart, in pixels.
const (
	chartW, chartH                     = 760, 420
	marginL, marginR, marginT, marginB = 70, 20, 50, 60
)

// WriteSVG draws the chart as a standalone SVG document.
func (c Chart) WriteSVG(w io.Writer) error {
	if len(c.Groups) == 0 || len(c.Series) == 0 {
		return fmt.Errorf("report: chart %q has nothing to draw", c.Title)
	}
	format := c.Format
	if format == nil {
		format = func(v float64) string { return fmt.Sprintf("%.3g", v) }
	}
	top := 0.0
	for _, g := range c.Groups {
		for _, b := range g.Bars {
			top = math.Max(top, math.Max(b.Value, b.Whisker))
		}
	}
	step := niceStep(top / 5)
	axisMax := step * math.Ceil(top/step)
	if axisMax == 0 {
		axisMax, step = 1, 0.2
	}
	plotW, plotH := float64(chartW-marginL-marginR), float64(chartH-marginT-marginB)
	y := func(v float64) float64 { return marginT + plotH*(1-v/axisMax) }

	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	esc := html.EscapeString
	openSVG(p, chartH, c.Title)
	yGrid(p, axisMax, step, y, format)
	p(`<text transform="translate(16 %.1f) rotate(-90)" text-anchor="middle">%s</text>`+"\n", marginT+plotH/2, esc(c.Unit))

	colours := palette()
	groupW := plotW / float64(len(c.Groups))
	barW := groupW * 0.7 / float64(len(c.Series))
	for gi, g := range c.Groups {
		x0 := marginL + groupW*float64(gi) + groupW*0.15
		for _, bar := range g.Bars {
			si := index(c.Series, bar.Series)
			if si < 0 {
				return fmt.Errorf("report: chart %q: bar of unknown series %q", c.Title, bar.Series)
			}
			x := x0 + barW*float64(si)
			p(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %s</title></rect>`+"\n",
				x, y(bar.Value), barW-2, y(0)-y(bar.Value), colours[si%len(colours)], esc(g.Label), esc(bar.Series), esc(format(bar.Value)))
			if bar.Whisker > bar.Value {
				cx := x + (barW-2)*0.85 // off-centre, clear of the value label
				p(`<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#333"/>`+"\n", cx, cx, y(bar.Value), y(bar.Whisker))
				p(`<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#333"/>`+"\n", cx-4, cx+4, y(bar.Whisker), y(bar.Whisker))
			}
			p(`<text x="%.1f" y="%.1f" text-anchor="middle" font-size="10">%s</text>`+"\n", x+(barW-2)/2, y(bar.Value)-3, esc(format(bar.Value)))
		}
		p(`<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", marginL+groupW*(float64(gi)+0.5), chartH-marginB+18, esc(g.Label))
	}
	p(`<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#333"/>`+"\n", marginL, chartW-marginR, y(0), y(0))
	for si, s := range c.Series {
		lx := marginL + 120*si
		p(`<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d">%s</text>`+"\n",
			lx, chartH-22, colours[si%len(colours)], lx+16, chartH-12, esc(s))
	}
	p("</svg>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: write svg: %w", err)
	}
	return nil
}

// niceStep rounds raw up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 0
	}
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*pow >= raw {
			return m * pow
		}
	}
	return 10 * pow
}

func index(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// LatencyChart is p50 latency per route and path, with p99 whiskers.
func LatencyChart(r Results) Chart {
	c := Chart{Title: "Latency per route: p50 bars, p99 whiskers", Unit: "milliseconds",
		Series: []string{"direct", "lambda"}, Format: ms}
	for _, g := range groups(r.Rows) {
		grp := Group{Label: g[0].Route}
		for _, row := range g {
			grp.Bars = append(grp.Bars, Bar{Series: row.Path, Value: row.P50, Whisker: row.P99})
		}
		c.Groups = append(c.Groups, grp)
	}
	return c
}

// CostChart is the cost per million requests per route and path.
func CostChart(r Results) Chart {
	c := Chart{Title: "Cost per million requests (" + r.Assume.Prices.Region + ")", Unit: "USD per million requests",
		Series: []string{"direct", "lambda"}, Format: func(v float64) string { return fmt.Sprintf("$%.2f", v) }}
	for _, g := range groups(r.Rows) {
		grp := Group{Label: g[0].Route}
		for _, row := range g {
			grp.Bars = append(grp.Bars, Bar{Series: row.Path, Value: row.Cost.Total()})
		}
		c.Groups = append(c.Groups, grp)
	}
	return c
}

// groups splits rows by route, keeping their order.
func groups(rows []Row) [][]Row {
	var out [][]Row
	for _, r := range rows {
		if n := len(out); n > 0 && out[n-1][0].Route == r.Route {
			out[n-1] = append(out[n-1], r)
			continue
		}
		out = append(out, []Row{r})
	}
	return out
}

// openSVG writes a chart's opening: the svg element chartW wide and height
// high, a white background and the title.
func openSVG(p func(string, ...any), height int, title string) {
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		chartW, height, chartW, height)
	p(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	p(`<text x="%d" y="24" font-size="16" font-weight="bold">%s</text>`+"\n", marginL, html.EscapeString(title))
}

// yGrid writes a horizontal grid line and its label every step up to max,
// y mapping a value to its height.
func yGrid(p func(string, ...any), max, step float64, y func(float64) float64, format func(float64) string) {
	for v := 0.0; v <= max+step/2; v += step {
		p(`<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", marginL, chartW-marginR, y(v), y(v))
		p(`<text x="%d" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n", marginL-6, y(v), html.EscapeString(format(v)))
	}
}
