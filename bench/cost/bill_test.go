package cost

import (
	"math"
	"testing"
	"time"
)

// sampleTraffic is the month the hand-computed bills below price.
func sampleTraffic() Traffic {
	return Traffic{
		Requests:      map[string]float64{"create": 1e6, "get": 3e6, "list": 5e5, "delete": 5e5},
		ItemBytes:     500,
		PageItems:     10,
		Items:         Function{MemoryMB: 512, Duration: 8 * time.Millisecond},
		Authorizer:    Function{MemoryMB: 256, Duration: 5 * time.Millisecond},
		Callers:       100,
		AuthorizerTTL: 300 * time.Second,
	}
}

func closeTo(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.9f, want %.9f", what, got, want)
	}
}

// TestBillsByHand checks each option against a bill computed by hand at the
// default prices: 5M requests (1M creates, 3M gets, 0.5M lists of 10 items,
// 0.5M deletes) of 500-byte items; items function 512 MB, 8 ms; authorizer
// 256 MB, 5 ms; 100 callers per 300 s TTL.
func TestBillsByHand(t *testing.T) {
	p := DefaultPrices()
	tr := sampleTraffic()
	// Shared by all: DynamoDB. Writes: 1M creates + 0.5M deletes, 1 WRU
	// each = 1.5M WRU at 0.625. Reads: 3M gets at 0.5 RRU + 0.5M lists of
	// 5,000 bytes (2 x 4 KB, halved = 1 RRU) = 2M RRU at 0.125.
	const writes, reads = 0.9375, 0.25
	// Authorizer: 8,760 windows of 300 s in 730 hours, 100 callers each =
	// 876,000 invocations (< 4.5M authorized requests): 0.876 x 0.20 in
	// requests, 876,000 x 0.005 s x 0.25 GB = 1,095 GB-s at 0.0000133334.
	const authReq, authDur = 0.1752, 1095 * 0.0000133334
	// Items function: 5M x 0.008 s x 0.5 GB = 20,000 GB-s; 5M requests.
	const itemsReq, itemsDur = 1.00, 20000 * 0.0000133334
	want := map[Option]float64{
		RESTDirect:  5*3.50 + authReq + authDur + writes + reads,
		RESTLambda:  5*3.50 + authReq + authDur + itemsReq + itemsDur + writes + reads,
		HTTPLambda:  5*1.00 + itemsReq + itemsDur + writes + reads,
		FunctionURL: itemsReq + itemsDur + writes + reads,
	}
	bills, err := tr.Bills(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(bills) != 4 {
		t.Fatalf("%d bills", len(bills))
	}
	for _, b := range bills {
		closeTo(t, string(b.Option)+" total", b.Total(), want[b.Option])
		if b.Requests != 5e6 {
			t.Errorf("%s: %v requests", b.Option, b.Requests)
		}
	}
	closeTo(t, "rest-direct total", bills[0].Total(), 18.877300073)
	closeTo(t, "rest-direct authorizer invocations", bills[0].AuthorizerInvocations, 876000)
	closeTo(t, "http-lambda authorizer", bills[2].AuthorizerRequests+bills[2].AuthorizerDuration, 0)
}

// TestFreeTier: Lambda's free tier covers 1M of the 5.876M invocations and
// all 21,095 GB-seconds of the REST Lambda path's month.
func TestFreeTier(t *testing.T) {
	tr := sampleTraffic()
	tr.FreeTier = true
	b, err := tr.Bill(DefaultPrices(), RESTLambda)
	if err != nil {
		t.Fatal(err)
	}
	closeTo(t, "free tier", b.FreeTier, -(0.20 + 21095*0.0000133334))
	closeTo(t, "total", b.Total(), 20.143968073-0.481268073)
	// The direct path's only Lambda is the authorizer: 876,000 requests and
	// 1,095 GB-s, all free.
	d, err := tr.Bill(DefaultPrices(), RESTDirect)
	if err != nil {
		t.Fatal(err)
	}
	closeTo(t, "direct free tier", d.FreeTier, -(0.1752 + 1095*0.0000133334))
}

// TestVolumeTiers: REST at 333M/667M/19B/rest, HTTP at 300M/rest, by hand.
func TestVolumeTiers(t *testing.T) {
	p := DefaultPrices()
	closeTo(t, "REST 1B", tiered(1e9, 3.50, p.RESTTiers), 333*3.50+667*2.80)
	closeTo(t, "REST 21B", tiered(21e9, 3.50, p.RESTTiers), 333*3.50+667*2.80+19000*2.38+1000*1.51)
	closeTo(t, "REST 100M", tiered(1e8, 3.50, p.RESTTiers), 350)
	closeTo(t, "HTTP 400M", tiered(4e8, 1.00, p.HTTPTiers), 300*1.00+100*0.90)
	closeTo(t, "flat", tiered(1e9, 3.50, nil), 3500)

	tr := Traffic{Requests: map[string]float64{"get": 1e9}, ItemBytes: 100, Items: Function{MemoryMB: 128},
		Authorizer: Function{MemoryMB: 128}, VolumeTiers: true}
	b, err := tr.Bill(p, RESTDirect)
	if err != nil {
		t.Fatal(err)
	}
	closeTo(t, "REST gateway with tiers", b.Gateway, 333*3.50+667*2.80)
	tr.VolumeTiers = false
	b, _ = tr.Bill(p, RESTDirect)
	closeTo(t, "REST gateway without tiers", b.Gateway, 3500)
}

// TestHTTPAPIMetersLargeBodies: an HTTP API counts each 512 KB of a
// request as one request, so a 600 KB create counts twice.
func TestHTTPAPIMetersLargeBodies(t *testing.T) {
	tr := Traffic{Requests: map[string]float64{"create": 1e6, "get": 1e6}, ItemBytes: 600 * 1024,
		Items: Function{MemoryMB: 128}, Authorizer: Function{MemoryMB: 128}}
	b, err := tr.Bill(DefaultPrices(), HTTPLambda)
	if err != nil {
		t.Fatal(err)
	}
	closeTo(t, "gateway", b.Gateway, 3*1.00)
}

// TestBreakEven: HTTP API + Lambda costs 7.1875 + d x 0.0333335 USD at d ms
// (512 MB), REST direct 18.877300073: even from 351 ms.
func TestBreakEven(t *testing.T) {
	tr := sampleTraffic()
	d, ok, err := tr.BreakEven(DefaultPrices(), HTTPLambda, 512)
	if err != nil || !ok || d != 351*time.Millisecond {
		t.Errorf("break-even = %v, %v, %v; want 351ms", d, ok, err)
	}
	// The REST Lambda path is never cheaper than the direct path.
	d, ok, err = tr.BreakEven(DefaultPrices(), RESTLambda, 512)
	if err != nil || !ok || d != 0 {
		t.Errorf("REST lambda break-even = %v, %v, %v; want 0", d, ok, err)
	}
	// With duration priced at zero (an override), a function URL stays
	// cheaper at any duration Lambda allows: no break-even.
	free := DefaultPrices()
	free.LambdaGBSecond = 0
	if _, ok, err := tr.BreakEven(free, FunctionURL, 128); err != nil || ok {
		t.Errorf("function URL break-even found (%v)", err)
	}
}

func TestTrafficRejects(t *testing.T) {
	for name, mutate := range map[string]func(*Traffic){
		"unknown route":    func(tr *Traffic) { tr.Requests["patch"] = 1 },
		"negative count":   func(tr *Traffic) { tr.Requests["get"] = -1 },
		"memory too small": func(tr *Traffic) { tr.Items.MemoryMB = 64 },
		"negative callers": func(tr *Traffic) { tr.Callers = -1 },
		"TTL over an hour": func(tr *Traffic) { tr.AuthorizerTTL = 2 * time.Hour },
	} {
		tr := sampleTraffic()
		mutate(&tr)
		if _, err := tr.Bill(DefaultPrices(), RESTDirect); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := sampleTraffic().Bill(DefaultPrices(), Option("alb")); err == nil {
		t.Error("unknown option accepted")
	}
}
