package report

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// Line is one series of a line chart: points in increasing X.
type Line struct {
	Label string
	// Colour is the series' colour index (see palette); Dash draws it
	// dashed with that SVG dash pattern when not empty.
	Colour int
	Dash   string
	X, Y   []float64
}

// Marker is a labelled point, e.g. a break-even.
type Marker struct {
	X, Y  float64
	Label string
}

// LineChart is an XY chart of lines and markers.
type LineChart struct {
	Title        string
	XUnit, YUnit string
	Lines        []Line
	Markers      []Marker
	// FormatY renders a value of the Y axis.
	FormatY func(float64) string
}

// WriteSVG draws the chart as a standalone SVG document.
func (c LineChart) WriteSVG(w io.Writer) error {
	if len(c.Lines) == 0 {
		return fmt.Errorf("report: chart %q has nothing to draw", c.Title)
	}
	format := c.FormatY
	if format == nil {
		format = func(v float64) string { return fmt.Sprintf("%.3g", v) }
	}
	var xMax, yMax float64
	for _, l := range c.Lines {
		if len(l.X) != len(l.Y) || len(l.X) == 0 {
			return fmt.Errorf("report: chart %q: line %q has %d x and %d y values", c.Title, l.Label, len(l.X), len(l.Y))
		}
		for i := range l.X {
			xMax, yMax = math.Max(xMax, l.X[i]), math.Max(yMax, l.Y[i])
		}
	}
	xStep, yStep := niceStep(xMax/8), niceStep(yMax/5)
	if xStep == 0 {
		xStep = 1
	}
	if yStep == 0 {
		yStep = 1
	}
	xAxis, yAxis := xStep*math.Ceil(xMax/xStep), yStep*math.Ceil(yMax/yStep)
	const legendH = 18
	rows := (len(c.Lines) + 2) / 3
	height := chartH + legendH*rows
	plotW, plotH := float64(chartW-marginL-marginR), float64(chartH-marginT-marginB)
	px := func(v float64) float64 { return marginL + plotW*v/xAxis }
	py := func(v float64) float64 { return marginT + plotH*(1-v/yAxis) }

	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	esc := html.EscapeString
	openSVG(p, height, c.Title)
	yGrid(p, yAxis, yStep, py, format)
	for v := 0.0; v <= xAxis+xStep/2; v += xStep {
		p(`<text x="%.1f" y="%d" text-anchor="middle">%g</text>`+"\n", px(v), chartH-marginB+16, v)
	}
	p(`<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", marginL+plotW/2, chartH-marginB+34, esc(c.XUnit))
	p(`<text transform="translate(16 %.1f) rotate(-90)" text-anchor="middle">%s</text>`+"\n", marginT+plotH/2, esc(c.YUnit))
	p(`<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#333"/>`+"\n", marginL, chartW-marginR, py(0), py(0))
	colours := palette()
	for i, l := range c.Lines {
		colour := colours[l.Colour%len(colours)]
		var pts []string
		for j := range l.X {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(l.X[j]), py(l.Y[j])))
		}
		dash := ""
		if l.Dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, esc(l.Dash))
		}
		p(`<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"><title>%s</title></polyline>`+"\n",
			colour, dash, strings.Join(pts, " "), esc(l.Label))
		lx, ly := marginL+240*(i%3), chartH+legendH*(i/3)-4
		p(`<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="2"%s/><text x="%d" y="%d" dominant-baseline="middle">%s</text>`+"\n",
			lx, lx+24, ly, ly, colour, dash, lx+30, ly, esc(l.Label))
	}
	for _, m := range c.Markers {
		if m.X > xAxis || m.Y > yAxis {
			continue
		}
		p(`<circle cx="%.1f" cy="%.1f" r="4" fill="black"/><text x="%.1f" y="%.1f" font-size="10">%s</text>`+"\n",
			px(m.X), py(m.Y), px(m.X)+6, py(m.Y)-6, esc(m.Label))
	}
	p("</svg>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: write svg: %w", err)
	}
	return nil
}
