package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeployConfigs checks that every host configuration in deploy/ sends
// what this server sends: the same policy, the permissions a sandboxed
// embed needs, and the cache rule for hashed names. (The browser tests
// serve dist/ with them.)
func TestDeployConfigs(t *testing.T) {
	files := []struct {
		name string
		want []string
	}{
		{"_headers", []string{"Access-Control-Allow-Origin: *", "Access-Control-Expose-Headers: Content-Encoding",
			"X-Content-Type-Options: nosniff", "Cross-Origin-Resource-Policy: cross-origin", "immutable", "Content-Encoding: br"}},
		{"nginx/outage-location.conf", []string{"Access-Control-Allow-Origin *", "Access-Control-Expose-Headers Content-Encoding",
			"X-Content-Type-Options nosniff", "Cross-Origin-Resource-Policy cross-origin", "brotli_static on", "gzip_static on"}},
		{"nginx/outage-http.conf", []string{`\.[0-9a-f]{12}\.(js|css|wasm)$`, "immutable"}},
		{"caddy/outage.caddy", []string{"Access-Control-Allow-Origin *", "Access-Control-Expose-Headers Content-Encoding",
			"X-Content-Type-Options nosniff", "Cross-Origin-Resource-Policy cross-origin", "precompressed br gzip",
			`\.[0-9a-f]{12}\.(js|css|wasm)$`, "immutable"}},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "..", "deploy", filepath.FromSlash(f.name)))
			require.NoError(t, err)
			s := string(b)
			if !strings.HasSuffix(f.name, "-http.conf") {
				assert.Contains(t, s, CSP, "the same policy as the local server")
			}
			for _, w := range f.want {
				assert.Contains(t, s, w)
			}
		})
	}
	// The hashed names the configurations match are the ones Dist makes.
	assert.True(t, Hashed("web/"+hashName("outage.wasm", []byte("x"))))
	assert.Equal(t, 12, HashLen)
}
