package vtl

import (
	"sort"
	"strings"
	"unicode/utf16"
)

// API Gateway hands templates some of its maps as Java HashMaps, whose
// #foreach order is neither insertion nor sorted order but the order of
// their hash buckets; templates that loop over $context print keys in that
// order. The functions here reproduce it.
//
// Evidence: LocalStack's AWS-validated snapshot
// tests/aws/services/apigateway/test_apigateway_sqs.snapshot.json
// (test_sqs_amz_json_protocol) records a template looping over
// $context.keySet(), $context.identity.keySet(),
// $context.requestOverride.keySet() and $context.responseOverride.keySet().

// javaStringHash is Java's String.hashCode: s[0]*31^(n-1) + ... over the
// UTF-16 units, in 32-bit arithmetic.
func javaStringHash(s string) int32 {
	var h int32
	for _, r := range s {
		if r < 0x10000 {
			h = 31*h + int32(r)
			continue
		}
		a, b := utf16.EncodeRune(r)
		h = 31*h + int32(a)
		h = 31*h + int32(b)
	}
	return h
}

// javaHashTableSize is the table size of a java.util.HashMap after n puts
// into a default one: 16, doubled whenever the size passes 3/4 of it.
func javaHashTableSize(n int) int {
	size := 16
	for n > size*3/4 {
		size *= 2
	}
	return size
}

// javaBucket is the bucket of key in a HashMap table of the given size
// (HashMap.hash spreads the high bits down before masking).
func javaBucket(key string, size int) int {
	h := uint32(javaStringHash(key))
	h ^= h >> 16
	return int(h & uint32(size-1))
}

// sortJavaHashOrder orders m's entries as a java.util.HashMap that
// received them in their current order iterates them: by bucket, and in
// insertion order within a bucket. (Buckets that Java would turn into
// trees, 8 colliding keys or more, are not modelled.)
func sortJavaHashOrder(m *vmap) {
	size := javaHashTableSize(len(m.keys))
	type entry struct {
		bucket, pos int
		key         string
		val         any
	}
	es := make([]entry, len(m.keys))
	for i, k := range m.keys {
		es[i] = entry{javaBucket(k, size), i, k, m.vals[i]}
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].bucket < es[j].bucket })
	for i, e := range es {
		m.keys[i], m.vals[i] = e.key, e.val
	}
	if m.index != nil {
		m.reindex()
	}
}

// sortFold orders m's keys case-insensitively (a TreeMap with
// String.CASE_INSENSITIVE_ORDER, as API Gateway keeps headers), keys that
// differ only in case in their byte order.
func sortFold(m *vmap) {
	sort.Sort(byFoldKey{m})
	if m.index != nil {
		m.reindex()
	}
}

// byFoldKey sorts a vmap's entries by key, ignoring case.
type byFoldKey struct{ m *vmap }

func (b byFoldKey) Len() int { return len(b.m.keys) }
func (b byFoldKey) Less(i, j int) bool {
	x, y := strings.ToLower(b.m.keys[i]), strings.ToLower(b.m.keys[j])
	if x != y {
		return x < y
	}
	return b.m.keys[i] < b.m.keys[j]
}
func (b byFoldKey) Swap(i, j int) { byKey(b).Swap(i, j) }

// insertionRank orders keys before sortJavaHashOrder: the keys of known
// come first, in that order (the order API Gateway is seen to insert them,
// which decides the order of keys sharing a bucket), then the others in
// byte order.
func insertionRank(m *vmap, known []string) {
	rank := func(k string) int {
		for i, kk := range known {
			if kk == k {
				return i
			}
		}
		return len(known)
	}
	idx := make([]int, len(m.keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := m.keys[idx[a]], m.keys[idx[b]]
		ra, rb := rank(ka), rank(kb)
		if ra != rb {
			return ra < rb
		}
		return ka < kb
	})
	keys := make([]string, len(idx))
	vals := make([]any, len(idx))
	for i, j := range idx {
		keys[i], vals[i] = m.keys[j], m.vals[j]
	}
	copy(m.keys, keys)
	copy(m.vals, vals)
}

// contextKeys and identityKeys are the keys of $context and
// $context.identity in the order the recorded iteration implies API
// Gateway inserts them (keys outside the recording follow, sorted).
var (
	contextKeys = []string{
		"resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime",
		"path", "accountId", "protocol", "requestOverride", "stage", "domainPrefix",
		"requestTimeEpoch", "requestId", "identity", "domainName", "deploymentId",
		"responseOverride", "apiId",
	}
	identityKeys = []string{
		"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "sourceIp",
		"principalOrgId", "accessKey", "cognitoAuthenticationType",
		"cognitoAuthenticationProvider", "userArn", "userAgent", "user",
	}
)
