package mapping

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestEncodePathID(t *testing.T) {
	for id, want := range map[string]string{
		"plain-ID_1.2~3": "plain-ID_1.2~3",
		"a b+c/d%e":      "a%20b%2Bc%2Fd%25e",
		`?#"'\*`:         "%3F%23%22%27%5C%2A",
		"é🙂\u2028":       "%C3%A9%F0%9F%99%82%E2%80%A8",
		"":               "",
	} {
		if got := EncodePathID(id); got != want {
			t.Errorf("EncodePathID(%q) = %q, want %q", id, got, want)
		}
		if n := EncodedIDLength(id); n != len(want) {
			t.Errorf("EncodedIDLength(%q) = %d, want %d", id, n, len(want))
		}
	}
}

func TestDecodePathID(t *testing.T) {
	for raw, want := range map[string]string{
		"a%20b":     "a b",
		"a+b":       "a b", // '+' is a space, as $util.urlDecode reads it
		"a%2Bb":     "a+b",
		"a%2bb":     "a+b", // either case of hex digit
		"a%2Fb":     "a/b",
		"%C3%A9":    "é",
		"plain~._-": "plain~._-",
	} {
		got, err := DecodePathID(raw)
		if err != nil || got != want {
			t.Errorf("DecodePathID(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	for _, raw := range []string{"%", "%2", "%zz", "a%g0"} {
		_, err := DecodePathID(raw)
		if ie, ok := IsInputError(err); !ok || !strings.Contains(ie.Message, "Invalid id in path") {
			t.Errorf("DecodePathID(%q): %v, want an input error", raw, err)
		}
	}
}

// FuzzPathIDRoundTrip: every string survives encoding and decoding, and its
// encoded form is made of unreserved characters and %XX only.
func FuzzPathIDRoundTrip(f *testing.F) {
	for _, s := range []string{"a b", "+", "%", "/", "é", "🙂", "\x00", "\xff", "~*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		enc := EncodePathID(id)
		if got, err := DecodePathID(enc); err != nil || got != id {
			t.Fatalf("DecodePathID(EncodePathID(%q)) = %q, %v", id, got, err)
		}
		if len(enc) != EncodedIDLength(id) {
			t.Fatalf("EncodedIDLength(%q) = %d, encoded %q", id, EncodedIDLength(id), enc)
		}
		for i := 0; i < len(enc); i++ {
			if c := enc[i]; c == '%' {
				i += 2
			} else if !isUnreserved(c) {
				t.Fatalf("EncodePathID(%q) = %q keeps %q", id, enc, c)
			}
		}
	})
}

func TestCheckID(t *testing.T) {
	for _, id := range []string{".", ".."} {
		if ie, ok := IsInputError(CheckID(id)); !ok || !strings.Contains(ie.Message, "ID cannot be . or ..") {
			t.Errorf("CheckID(%q) accepted a dot segment", id)
		}
	}
	for _, id := range []string{"...", "a.", ".a", "a/.."} {
		if err := CheckID(id); err != nil {
			t.Errorf("CheckID(%q): %v", id, err)
		}
	}
	if err := CheckID(strings.Repeat("a", MaxEncodedIDLength)); err != nil {
		t.Errorf("an ID of exactly the limit: %v", err)
	}
	err := CheckID(strings.Repeat("/", MaxEncodedIDLength/3) + "abc")
	if ie, ok := IsInputError(err); !ok || !strings.Contains(ie.Message, "ID is 1509 characters once percent-encoded") {
		t.Errorf("an ID one over the limit: %v", err)
	}
}

// TestMaxEncodedIDLength: the ID limit is what the longest method ARN of an
// item route leaves of API Gateway's 1,600 bytes (developer guide, "Amazon
// API Gateway quotas": https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
func TestMaxEncodedIDLength(t *testing.T) {
	if got := len(LongestItemARNPrefix) + MaxEncodedIDLength; got != MaxMethodARNBytes {
		t.Fatalf("prefix %d + id %d = %d, want %d", len(LongestItemARNPrefix), MaxEncodedIDLength, got, MaxMethodARNBytes)
	}
	if MaxEncodedIDLength != 1508 {
		t.Errorf("MaxEncodedIDLength = %d; the README, docs/design.md and idlimit.vtl say 1508", MaxEncodedIDLength)
	}
	var schema struct {
		Properties struct {
			ID struct {
				MaxLength int `json:"maxLength"`
			} `json:"ID"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(Schema(), &schema); err != nil {
		t.Fatal(err)
	}
	if schema.Properties.ID.MaxLength != MaxIDLength {
		t.Errorf("schema maxLength %d, MaxIDLength %d", schema.Properties.ID.MaxLength, MaxIDLength)
	}
}

// TestLongestRegionAndPartition holds LongestPartition and LongestRegion to
// the partitions and regions the AWS SDK for Go v2 knows (public repository
// aws/aws-sdk-go-v2, internal/endpoints/awsrulesfn/partitions.json, read
// from the module cache at the version go.mod requires). The "-global"
// pseudo-regions name global endpoints, where no API is deployed.
func TestLongestRegionAndPartition(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-sdk-go-v2").Output()
	if err != nil {
		t.Fatalf("go list the SDK module: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "internal", "endpoints", "awsrulesfn", "partitions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Partitions []struct {
			ID      string                     `json:"id"`
			Regions map[string]json.RawMessage `json:"regions"`
		} `json:"partitions"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	regions := 0
	for _, p := range doc.Partitions {
		if len(p.ID) > len(LongestPartition) {
			t.Errorf("partition %q is longer than LongestPartition %q", p.ID, LongestPartition)
		}
		for r := range p.Regions {
			if strings.HasSuffix(r, "-global") {
				continue
			}
			regions++
			if len(r) > len(LongestRegion) {
				t.Errorf("region %q is longer than LongestRegion %q", r, LongestRegion)
			}
		}
	}
	if regions < 30 {
		t.Fatalf("only %d regions in partitions.json", regions)
	}
}
