package awsenv_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"hash/crc32"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"apigwdirect/pkg/awsenv"
)

// TestCABundle: with AWS_CA_BUNDLE naming a PEM file, Load's clients trust
// exactly that file's certificates, as config.LoadDefaultConfig's do: both
// reach a TLS server whose certificate is in the bundle, and neither trusts
// the system's roots any more (a bundle without the server's certificate
// fails both). A missing or empty file fails Load naming the variable.
func TestCABundle(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := []byte(`{"TableNames":[]}`)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.Header().Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10))
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	dir := t.TempDir()
	write := func(name string, der []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.pem", srv.Certificate().Raw)
	wrong := write("wrong.pem", selfSigned(t))

	call := func(cfg aws.Config) error {
		c := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
			o.BaseEndpoint = aws.String(srv.URL)
			o.RetryMaxAttempts = 1
		})
		_, err := c.ListTables(context.Background(), &dynamodb.ListTablesInput{})
		return err
	}
	for name, tc := range map[string]struct {
		bundle string
		ok     bool
	}{"bundle with the server's certificate": {good, true}, "bundle without it": {wrong, false}} {
		t.Run(name, func(t *testing.T) {
			setEnv(t, with("AWS_CA_BUNDLE", tc.bundle))
			ours, err := awsenv.Load(os.LookupEnv)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			sdk, err := config.LoadDefaultConfig(context.Background())
			if err != nil {
				t.Fatalf("LoadDefaultConfig: %v", err)
			}
			errOurs, errSDK := call(ours.AWS), call(sdk)
			if (errOurs == nil) != tc.ok || (errSDK == nil) != tc.ok {
				t.Fatalf("awsenv: %v; SDK loader: %v; want success %v from both", errOurs, errSDK, tc.ok)
			}
		})
	}
	for name, path := range map[string]string{"missing file": filepath.Join(dir, "none.pem"), "not PEM": writeText(t, dir, "x")} {
		t.Run(name, func(t *testing.T) {
			setEnv(t, with("AWS_CA_BUNDLE", path))
			if _, err := awsenv.Load(os.LookupEnv); err == nil || !strings.Contains(err.Error(), "AWS_CA_BUNDLE") {
				t.Fatalf("Load: %v, want an error naming AWS_CA_BUNDLE", err)
			}
			if _, err := config.LoadDefaultConfig(context.Background()); err == nil {
				t.Fatalf("the SDK loader took it: the two should agree")
			}
		})
	}
}

func writeText(t *testing.T, dir, text string) string {
	t.Helper()
	p := filepath.Join(dir, "text.pem")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// selfSigned returns a certificate of its own (httptest's servers all share
// one), which the test server's certificate does not chain to.
func selfSigned(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "other"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}
