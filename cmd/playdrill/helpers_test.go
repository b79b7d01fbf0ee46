package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// run runs playdrill in-process with args and env (KEY=VALUE pairs) and
// returns its stdout, stderr and exit code. The database defaults to a
// fresh file in a temporary folder so no test touches the user's data.
func run(t *testing.T, stdin string, args []string, env ...string) (string, string, int) {
	t.Helper()
	vars := map[string]string{"PLAYDRILL_DB": filepath.Join(t.TempDir(), "progress.db"), "PLAYDRILL_REP": "tester",
		"XDG_CONFIG_HOME": filepath.Join(t.TempDir(), "config")}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errOut,
		Getenv: func(k string) string { return vars[k] },
	})
	return out.String(), errOut.String(), code
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binLog  []byte
)

// binary builds the playdrill binary once per test run and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "playdrill-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "playdrill")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		binLog, binErr = cmd.CombinedOutput()
	})
	if binErr != nil {
		t.Fatalf("building playdrill: %v\n%s", binErr, binLog)
	}
	return binPath
}

// runBinary runs the built binary with args, stdin and extra environment.
func runBinary(t *testing.T, stdin io.Reader, args []string, env ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Stdin = stdin
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running playdrill: %v", err)
	}
	return out.String(), errOut.String(), code
}
