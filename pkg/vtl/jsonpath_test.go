package vtl

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSONPath(t *testing.T) {
	const doc = `{"a":{"b":[10,20,30],"c":"x"},"d e":1,"list":[{"n":1},{"n":2},{"m":3}]}`
	root, err := decodeJSON(doc)
	require.NoError(t, err)
	cases := []struct {
		path, want string
		found      bool
	}{
		{"$", doc, true},
		{"$.a.c", `"x"`, true},
		{"$['a']['c']", `"x"`, true},
		{`$["d e"]`, `1`, true},
		{"$.a.b[0]", `10`, true},
		{"$.a.b[-1]", `30`, true},
		{"$.a.b[5]", ``, false},
		{"$.a.b[*]", `[10,20,30]`, true},
		{"$.a.b[0,2]", `[10,30]`, true},
		{"$.a.b[1:]", `[20,30]`, true},
		{"$.a.b[:-1]", `[10,20]`, true},
		{"$.a.*", `[[10,20,30],"x"]`, true},
		{"$.list[*].n", `[1,2]`, true},
		{"$..n", `[1,2]`, true},
		{"$['a','d e']", `[{"b":[10,20,30],"c":"x"},1]`, true},
		{"$.missing", ``, false},
		{"$.a.c.deeper", ``, false},
		{"a.c", `"x"`, true},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			steps, definite, err := parseJSONPath(c.path)
			require.NoError(t, err)
			v, found := selectPath(root, steps, definite)
			assert.Equal(t, c.found, found)
			if found {
				var b strings.Builder
				writeJSON(&b, v)
				assert.Equal(t, c.want, b.String())
			}
		})
	}
}

func TestJSONPathErrors(t *testing.T) {
	for _, p := range []string{"$.", "$[", "$['a]", "$[x]", "$..", "$[]", "$a"} {
		_, _, err := parseJSONPath(p)
		assert.Error(t, err, p)
	}
}

func TestDecodeJSON(t *testing.T) {
	v, err := decodeJSON(`{"s":"a\u00e9\ud83d\ude00\n\"","n":-0.5e+2,"b":false,"z":null,"l":[]}`)
	require.NoError(t, err)
	var b strings.Builder
	writeJSON(&b, v)
	assert.Equal(t, `{"s":"aé😀\n\"","n":-0.5e+2,"b":false,"z":null,"l":[]}`, b.String())
	for _, bad := range []string{``, `{`, `[1,]`, `{"a" 1}`, `01`, `1.`, `"\x"`, "\"a\x01\"", `tru`, `{} x`, strings.Repeat("[", 600) + strings.Repeat("]", 600)} {
		_, err := decodeJSON(bad)
		assert.Error(t, err, bad)
	}
}
