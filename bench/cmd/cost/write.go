package main

import (
	"fmt"
	"io"
	"strings"

	"apigwdirect/bench/cost"
	"apigwdirect/bench/internal/report"
)

// writeBills writes the bills as markdown: the traffic and prices, one row
// per option, what each gives up, and the break-even durations.
func writeBills(w io.Writer, t cost.Traffic, p cost.Prices, bills []cost.Bill) error {
	var b strings.Builder
	pf := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	var parts []string
	for _, route := range cost.RouteNames() {
		if n := t.Requests[route]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", route, count(n)))
		}
	}
	pf("Monthly bill for %s requests (%s); items of %d bytes, lists of %d; items function %d MB, %v; authorizer %d MB, %v, %g callers per %v TTL.\n",
		count(bills[0].Requests), strings.Join(parts, ", "), t.ItemBytes, t.PageItems, t.Items.MemoryMB, t.Items.Duration,
		t.Authorizer.MemoryMB, t.Authorizer.Duration, t.Callers, t.AuthorizerTTL)
	pf("Prices: %s, as of %s (%s); volume tiers %s, Lambda free tier %s.\n\n", p.Region, p.AsOf, p.Source, onOff(t.VolumeTiers), onOff(t.FreeTier))
	pf("| option | API Gateway | items function | authorizer | DynamoDB | free tier | total (USD/month) | vs rest-direct |\n")
	pf("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	direct := bills[0].Total()
	for _, bill := range bills {
		pf("| %s | %s | %s | %s | %s | %s | **%s** | %+.1f%% |\n", bill.Option, usd(bill.Gateway),
			usd(bill.LambdaRequests+bill.LambdaDuration), usd(bill.AuthorizerRequests+bill.AuthorizerDuration),
			usd(bill.DynamoDBWrites+bill.DynamoDBReads), usd(bill.FreeTier), usd(bill.Total()), 100*(bill.Total()-direct)/direct)
	}
	pf("\nWhat each option gives up:\n\n")
	for _, o := range cost.Options() {
		pf("- %s: %s.\n", o, o.GivesUp())
	}
	pf("\nBreak-even with rest-direct: the items function's duration (every route) from which each option costs at least as much:\n\n")
	pf("| memory | rest-lambda | http-lambda | function-url |\n|---:|---:|---:|---:|\n")
	for _, mem := range append(report.BreakEvenMemories(), 1769) {
		pf("| %d MB |", mem)
		for _, o := range []cost.Option{cost.RESTLambda, cost.HTTPLambda, cost.FunctionURL} {
			d, ok, err := t.BreakEven(p, o, mem)
			if err != nil {
				return err
			}
			switch {
			case !ok:
				pf(" never |")
			case d == 0:
				pf(" always dearer |")
			default:
				pf(" %d ms |", d.Milliseconds())
			}
		}
		pf("\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("cost: write: %w", err)
	}
	return nil
}

// usd formats a dollar amount to the cent, or to four places below a dollar.
func usd(v float64) string {
	if v != 0 && v > -1 && v < 1 {
		return fmt.Sprintf("$%.4f", v)
	}
	return fmt.Sprintf("$%.2f", v)
}

// count formats a request count with thousands separators.
func count(n float64) string {
	s := fmt.Sprintf("%.0f", n)
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out)
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
