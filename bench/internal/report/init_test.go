package report

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
)

// TestInitsTakeTheBestRun: with two runs, init and floor are each the
// smaller, the ratio theirs, sizes and cold start the medians; the markdown
// names the target missed or met.
func TestInitsTakeTheBestRun(t *testing.T) {
	raw, err := os.ReadFile("testdata/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	raw = append(raw, []byte(`BenchmarkInit/items-2         	       1	 185643399 ns/op	   7864482 bootstrap-bytes	   6619298 floor-bootstrap-bytes	         1.000 floor-init-ms	         1.200 init-ms	         1.200 init-ratio
BenchmarkInit/authorizer-2    	       1	 106725119 ns/op	   7405730 bootstrap-bytes	         6.000 cold-ms	   6226082 floor-bootstrap-bytes	         0.6000 floor-init-ms	         0.9000 init-ms	         1.500 init-ratio
BenchmarkInit/items-2         	       1	 185643399 ns/op	   7864482 bootstrap-bytes	   6619298 floor-bootstrap-bytes	         0.8000 floor-init-ms	         0.9000 init-ms	         1.125 init-ratio
BenchmarkInit/authorizer-2    	       1	 106725119 ns/op	   7405730 bootstrap-bytes	         8.000 cold-ms	   6226082 floor-bootstrap-bytes	         0.5000 floor-init-ms	         0.8000 init-ms	         1.600 init-ratio
`)...)
	out, err := Parse(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(out, assumptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Inits) != 2 {
		t.Fatalf("inits = %+v", res.Inits)
	}
	items, auth := res.Inits[0], res.Inits[1]
	if items.Function != "items" || items.Init != 0.9 || items.Floor != 0.8 || math.Abs(items.Ratio-1.125) > 1e-9 || !items.MeetsTarget() || items.HasCold {
		t.Errorf("items = %+v", items)
	}
	if auth.Init != 0.8 || auth.Floor != 0.5 || auth.MeetsTarget() || !auth.HasCold || auth.Cold != 7 || auth.Runs != 2 {
		t.Errorf("authorizer = %+v", auth)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| items | 0.900 | 0.800 | 1.12x | met | 7.86 | 6.62 | see above |", "| authorizer | 0.800 | 0.500 | 1.60x | missed |"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}
