// Package settings reads playdrill's settings file
// ($XDG_CONFIG_HOME/playdrill/config.toml) and the LRS credentials file
// beside it. Flags and the environment beat the file; the caller decides
// that order, this package only reads and checks.
package settings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/playdrill/playdrill/internal/safe"
)

// Names of the files in the settings folder.
const (
	FileName        = "config.toml"
	CredentialsName = "credentials.toml"
	// maxSize bounds what is read of either file.
	maxSize = 64 << 10
)

// Settings are the keys of config.toml. Paths that are not absolute are
// relative to the folder of the file.
type Settings struct {
	Playbook string `toml:"playbook"`
	Rep      string `toml:"rep"`
	Database string `toml:"database"`
	// LRS is the xAPI address of the team's learning record store.
	LRS string `toml:"lrs"`
	// HomePage is the company address the xAPI statements are made under.
	HomePage string `toml:"home_page"`
	// PushAfterSession sends new statements to the LRS in the background
	// after each drill session in the full-screen app.
	PushAfterSession bool `toml:"push_after_session"`
	// Credentials is the path of the LRS credentials file (default
	// credentials.toml beside config.toml).
	Credentials string `toml:"credentials"`
	// DayStarts is the hour (0-23) at which the rep's day rolls over for
	// scheduling; nil means the default, 4 am.
	DayStarts *int `toml:"day_starts"`
	// TimeZone is the rep's time zone (an IANA name such as
	// America/Los_Angeles); "" means the machine's.
	TimeZone string `toml:"time_zone"`
	// SessionSize is the most cards a session in the full-screen app
	// holds; 0 means the default.
	SessionSize int `toml:"session_size"`

	// File is where the settings were read from, "" when there is none.
	File string `toml:"-"`
}

// Keys lists the keys of config.toml, for messages and the docs test.
var Keys = []string{"playbook", "rep", "database", "lrs", "home_page", "push_after_session", "credentials", "day_starts", "time_zone", "session_size"}

// secretKeys are names a credential would go under: refused in
// config.toml, whose usual home is world-readable.
var secretKeys = map[string]bool{"key": true, "password": true, "secret": true, "user": true, "lrs_user": true, "lrs_key": true, "token": true}

// Dir is the settings folder: $XDG_CONFIG_HOME/playdrill, with
// configHome the fallback when the variable is not set.
func Dir(getenv func(string) string, configHome string) string {
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "playdrill")
	}
	return filepath.Join(configHome, "playdrill")
}

// Load reads the settings at path. A missing file is no settings at all;
// a file that does not parse, has a key playdrill does not know, or holds
// a credential is an error naming the file and line.
func Load(path string) (Settings, error) {
	data, err := readSmall(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Settings{}, nil
	}
	if err != nil {
		return Settings{}, err
	}
	var s Settings
	md, err := toml.Decode(string(data), &s)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Settings{}, fmt.Errorf("%s:%d: %s", safe.Text(path), pe.Position.Line, safe.Text(pe.Message))
		}
		return Settings{}, fmt.Errorf("%s: %s", safe.Text(path), safe.Text(err.Error()))
	}
	// The first key playdrill does not know is the one reported.
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		k := undecoded[0]
		name := k.String()
		line := lineOf(string(data), k[len(k)-1])
		if secretKeys[strings.ToLower(k[len(k)-1])] {
			return Settings{}, fmt.Errorf("%s:%d: %q: credentials never go in %s; put user and key in %s (readable by you only) or in PLAYDRILL_LRS_USER and PLAYDRILL_LRS_KEY",
				safe.Text(path), line, safe.Text(name), FileName, CredentialsName)
		}
		return Settings{}, fmt.Errorf("%s:%d: unknown key %q; the keys are %s", safe.Text(path), line, safe.Text(name), strings.Join(Keys, ", "))
	}
	if s.DayStarts != nil && (*s.DayStarts < 0 || *s.DayStarts > 23) {
		return Settings{}, fmt.Errorf("%s:%d: day_starts = %d: want the hour the day starts, 0 to 23 (such as 4)", safe.Text(path), lineOf(string(data), "day_starts"), *s.DayStarts)
	}
	if s.SessionSize < 0 || s.SessionSize > 1000 {
		return Settings{}, fmt.Errorf("%s:%d: session_size = %d: want the most cards one session holds, 1 to 1000 (such as 30)", safe.Text(path), lineOf(string(data), "session_size"), s.SessionSize)
	}
	if s.TimeZone != "" {
		if _, err := time.LoadLocation(s.TimeZone); err != nil {
			return Settings{}, fmt.Errorf("%s:%d: time_zone = %q: not a time zone; use a name such as America/Los_Angeles", safe.Text(path), lineOf(string(data), "time_zone"), safe.Text(s.TimeZone))
		}
	}
	dir := filepath.Dir(path)
	for _, p := range []*string{&s.Playbook, &s.Database, &s.Credentials} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	s.File = path
	return s, nil
}

// lineOf finds the line a key is set on (1 when it cannot tell).
func lineOf(text, key string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, line := range strings.Split(text, "\n") {
		if re.MatchString(line) {
			return i + 1
		}
	}
	return 1
}

// readSmall reads a regular file of at most maxSize bytes.
func readSmall(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", safe.Text(path))
	}
	if info.Size() > maxSize {
		return nil, fmt.Errorf("%s is over %d KiB: not a settings file", safe.Text(path), maxSize>>10)
	}
	return os.ReadFile(path)
}

// Credentials are the LRS's user and key.
type Credentials struct {
	User string `toml:"user"`
	Key  string `toml:"key"`
}

// LoadCredentials reads the credentials file at path. It must be readable
// by its owner only: a file with any group or other permission bit is
// refused, as its key may already have been read by others. A missing
// file is no credentials (ok false).
func LoadCredentials(path string) (c Credentials, ok bool, err error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, false, nil
	}
	if err != nil {
		return c, false, err
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return c, false, fmt.Errorf("%s can be read by others (mode %04o): refusing its credentials; run chmod 600 %s, and change the key if others could read it",
			safe.Text(path), perm, safe.Text(path))
	}
	data, err := readSmall(path)
	if err != nil {
		return c, false, err
	}
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return c, false, fmt.Errorf("%s:%d: %s", safe.Text(path), pe.Position.Line, safe.Text(pe.Message))
		}
		return c, false, fmt.Errorf("%s: %s", safe.Text(path), safe.Text(err.Error()))
	}
	if bad := md.Undecoded(); len(bad) > 0 {
		names := make([]string, len(bad))
		for i, k := range bad {
			names[i] = safe.Text(k.String())
		}
		sort.Strings(names)
		return c, false, fmt.Errorf("%s:%d: unknown key %q; the keys are user and key", safe.Text(path), lineOf(string(data), bad[0][len(bad[0])-1]), names[0])
	}
	if c.User == "" || c.Key == "" {
		return c, false, fmt.Errorf("%s: needs both user and key", safe.Text(path))
	}
	return c, true, nil
}
