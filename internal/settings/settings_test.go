package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	_ "time/tzdata" // time_zone names check out on a machine without a zone database, as in the binary
)

func write(t *testing.T, dir, name, text string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadEveryKey(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, FileName, `# the team's settings
playbook = "playbook"
rep = "alice"
database = "/var/lib/playdrill/progress.db"
lrs = "https://lrs.example.com/xapi"
home_page = "https://example.com"
push_after_session = true
credentials = "secret/lrs.toml"
`, 0o644)
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{Playbook: filepath.Join(dir, "playbook"), Rep: "alice", Database: "/var/lib/playdrill/progress.db",
		LRS: "https://lrs.example.com/xapi", HomePage: "https://example.com", PushAfterSession: true,
		Credentials: filepath.Join(dir, "secret/lrs.toml"), File: p}
	if s != want {
		t.Errorf("settings\n %+v\nwant\n %+v", s, want)
	}
	if s, err := Load(filepath.Join(dir, "none.toml")); err != nil || s != (Settings{}) {
		t.Errorf("a missing file: %+v %v", s, err)
	}
}

func TestLoadRefusesWhatIsNotASetting(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ text, want string }{
		{"rep = \"a\"\nrepp = \"b\"\n", FileName + ":2: unknown key \"repp\""},
		{"rep = \"a\"\n\nkey = \"s3cret\"\n", FileName + ":3: \"key\": credentials never go in"},
		{"rep = \"a\"\nrep = \"b\"\n", FileName + ":2:"},
		{"push_after_session = \"yes\"\n", "push_after_session"},
		{"rep = \n", FileName + ":1:"},
		{"rep = \"a\"\nday_starts = 24\n", FileName + ":2: day_starts = 24: want the hour the day starts, 0 to 23"},
		{"session_size = -3\n", FileName + ":1: session_size = -3: want the most cards one session holds"},
		{"time_zone = \"Mars/Olympus\"\n", FileName + ":1: time_zone = \"Mars/Olympus\": not a time zone"},
	} {
		p := write(t, dir, FileName, c.text, 0o644)
		_, err := Load(p)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want %q", c.text, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("the error shows the secret: %v", err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.toml"), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(filepath.Join(dir, "folder.toml")); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder: %v", err)
	}
}

// A credentials file others can read is refused, whatever it holds.
func TestCredentialsOnlyFromAPrivateFile(t *testing.T) {
	dir := t.TempDir()
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660, 0o606} {
		p := write(t, dir, CredentialsName, "user = \"u\"\nkey = \"k\"\n", mode)
		if _, _, err := LoadCredentials(p); err == nil || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("mode %04o: err = %v", mode, err)
		}
	}
	p := write(t, dir, CredentialsName, "user = \"u\"\nkey = \"k\"\n", 0o600)
	c, ok, err := LoadCredentials(p)
	if err != nil || !ok || c != (Credentials{User: "u", Key: "k"}) {
		t.Errorf("private file: %+v %v %v", c, ok, err)
	}
	write(t, dir, CredentialsName, "user = \"u\"\n", 0o600)
	if _, _, err := LoadCredentials(p); err == nil || !strings.Contains(err.Error(), "needs both") {
		t.Errorf("no key: %v", err)
	}
	write(t, dir, CredentialsName, "user = \"u\"\nkey = \"k\"\nendpoint = \"x\"\n", 0o600)
	if _, _, err := LoadCredentials(p); err == nil || !strings.Contains(err.Error(), ":3: unknown key") {
		t.Errorf("unknown key: %v", err)
	}
	if _, ok, err := LoadCredentials(filepath.Join(dir, "none")); ok || err != nil {
		t.Errorf("missing: %v %v", ok, err)
	}
}

func TestDir(t *testing.T) {
	env := map[string]string{"XDG_CONFIG_HOME": "/home/a/.cfg"}
	if got := Dir(func(k string) string { return env[k] }, "/fallback"); got != "/home/a/.cfg/playdrill" {
		t.Errorf("Dir = %q", got)
	}
	if got := Dir(func(string) string { return "" }, "/fallback"); got != "/fallback/playdrill" {
		t.Errorf("Dir = %q", got)
	}
}

// Every key is documented.
func TestEveryKeyIsDocumented(t *testing.T) {
	data, err := os.ReadFile("../../docs/settings.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Keys {
		if !strings.Contains(string(data), "| `"+k+"` |") {
			t.Errorf("docs/settings.md has no row for %q", k)
		}
	}
}

func TestLoadDayStartsAndTimeZone(t *testing.T) {
	p := write(t, t.TempDir(), FileName, "day_starts = 0\ntime_zone = \"America/Los_Angeles\"\n", 0o644)
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if s.DayStarts == nil || *s.DayStarts != 0 || s.TimeZone != "America/Los_Angeles" {
		t.Fatalf("settings %+v", s)
	}
}
