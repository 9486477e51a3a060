//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDesktop builds cmd/outage without cgo, runs it under Xvfb until it has
// drawn some frames and saved its own screen, and checks the picture.
func TestDesktop(t *testing.T) {
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		unavailable(t, errors.New("xvfb-run is not installed (apt-get install xvfb xauth)"))
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "outage")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/outage")
	build.Dir = ".."
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "CGO_ENABLED=0 go build ./cmd/outage:\n%s", out)

	shot := filepath.Join(dir, "desktop.png")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run := exec.CommandContext(ctx, xvfb, "-a", "-s", "-screen 0 1600x1000x24",
		bin, "-size", "1280x720", "-screenshot", shot, "-frames", "30")
	run.Env = append(os.Environ(), "LIBGL_ALWAYS_SOFTWARE=1")
	start := time.Now()
	out, err = run.CombinedOutput()
	require.NoError(t, err, "xvfb-run outage -screenshot:\n%s", out)
	t.Logf("ran in %v", time.Since(start).Round(time.Millisecond))

	data, err := os.ReadFile(shot)
	require.NoError(t, err, "the app saved no screenshot; output:\n%s", out)
	require.NoError(t, os.MkdirAll(artifacts, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(artifacts, "desktop-1280x720.png"), data, 0o644))
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	require.NoError(t, err)
	t.Logf("screenshot %dx%d saved as artifacts/desktop-1280x720.png", cfg.Width, cfg.Height)
	assert.GreaterOrEqual(t, cfg.Width, 1280)
	assert.GreaterOrEqual(t, cfg.Height, 720)
	assertContent(t, data, "desktop screenshot")
}
