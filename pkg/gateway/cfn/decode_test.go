package cfn

import (
	"strings"
	"testing"
	"time"
)

// TestYAMLAliasesCannotExplode: aliases of aliases that would expand a
// small document exponentially are refused quickly, not expanded.
func TestYAMLAliasesCannotExplode(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x]\n")
	for i := 1; i < 20; i++ {
		prev := "*a" + string(rune('0'+i-1))
		if i > 9 {
			prev = "*a" + string(rune('a'+i-10))
		}
		name := string(rune('0' + i))
		if i > 9 {
			name = string(rune('a' + i - 10))
		}
		b.WriteString("a" + name + ": &a" + name + " [" + prev + ", " + prev + ", " + prev + ", " + prev + "]\n")
	}
	start := time.Now()
	_, err := Decode([]byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "expands to more than") {
		t.Fatalf("err = %v, want the expansion refused", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %v", d)
	}
}
