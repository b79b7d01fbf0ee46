package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSettings writes config.toml (and credentials.toml with mode, when
// creds is not "") in a fresh settings folder and returns the
// XDG_CONFIG_HOME to run with.
func writeSettings(t *testing.T, config, creds string, mode os.FileMode) string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, "playdrill")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	if creds != "" {
		p := filepath.Join(dir, "credentials.toml")
		if err := os.WriteFile(p, []byte(creds), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
	return home
}

// The settings file names the rep and the database; the environment
// beats it and a flag beats both.
func TestSettingsFlagsBeatEnvironmentBeatFile(t *testing.T) {
	dir := t.TempDir()
	fileDB, envDB, flagDB := filepath.Join(dir, "file.db"), filepath.Join(dir, "env.db"), filepath.Join(dir, "flag.db")
	home := writeSettings(t, "rep = \"from-file\"\ndatabase = \""+fileDB+"\"\n", "", 0)
	drill := func(flags []string, env ...string) {
		t.Helper()
		if _, stderr, code := run(t, "x\n3\n:q\n", append([]string{"drill", "--plain"}, flags...), env...); code != exitOK {
			t.Fatalf("drill: %s", stderr)
		}
	}
	// run sets PLAYDRILL_DB and PLAYDRILL_REP by default; empty them so
	// the file speaks.
	noEnv := []string{"XDG_CONFIG_HOME=" + home, "PLAYDRILL_DB=", "PLAYDRILL_REP="}
	drill(nil, noEnv...)
	drill(nil, "XDG_CONFIG_HOME="+home, "PLAYDRILL_DB="+envDB, "PLAYDRILL_REP=from-env")
	drill([]string{"--db", flagDB, "--rep", "from-flag"}, "XDG_CONFIG_HOME="+home, "PLAYDRILL_DB="+envDB, "PLAYDRILL_REP=from-env")
	for db, rep := range map[string]string{fileDB: "from-file", envDB: "from-env", flagDB: "from-flag"} {
		out, stderr, code := run(t, "", []string{"report", "--all", "--format", "json"}, "PLAYDRILL_DB="+db)
		if code != exitOK || !strings.Contains(out, `"rep": "`+rep+`"`) || strings.Count(out, `"rep":`) != 1 {
			t.Errorf("%s: exit %d, %s %s; want only %s", filepath.Base(db), code, out, stderr, rep)
		}
	}
}

// A bad settings file stops every command with its file and line; a
// credential in it is refused without being shown.
func TestSettingsErrorsNameFileAndLine(t *testing.T) {
	for _, c := range []struct{ config, want string }{
		{"rep = \"a\"\nplaybok = \"x\"\n", "config.toml:2: unknown key \"playbok\""},
		{"rep = \"a\"\nkey = \"hunter2\"\n", "config.toml:2: \"key\": credentials never go in config.toml"},
		{"rep = [\n", "config.toml:"},
	} {
		home := writeSettings(t, c.config, "", 0)
		_, stderr, code := run(t, "", []string{"report"}, "XDG_CONFIG_HOME="+home)
		if code == exitOK || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "hunter2") {
			t.Errorf("%q: exit %d, stderr %q; want %q", c.config, code, stderr, c.want)
		}
	}
}

// push sends to the LRS of the settings with the credentials file's key,
// which must be readable by its owner only.
func TestPushUsesSettingsAndAPrivateCredentialsFile(t *testing.T) {
	lrs, ts := newFakeLRS(t)
	db := filepath.Join(t.TempDir(), "progress.db")
	seedRep(t, db, "alice", 3, seedStart)
	config := "lrs = \"" + ts.URL + "/xapi\"\nhome_page = \"https://northwind.example.com\"\n"

	open := writeSettings(t, config, "user = \"u\"\nkey = \"k\"\n", 0o644)
	_, stderr, code := run(t, "", []string{"push"}, "XDG_CONFIG_HOME="+open, "PLAYDRILL_DB="+db)
	if code != exitFailure || !strings.Contains(stderr, "can be read by others") {
		t.Errorf("world-readable credentials: exit %d, %q", code, stderr)
	}
	if stored, _ := lrs.count(); stored != 0 {
		t.Fatalf("the LRS got %d statements with refused credentials", stored)
	}

	private := writeSettings(t, config, "user = \"u\"\nkey = \"k\"\n", 0o600)
	_, stderr, code = run(t, "", []string{"push"}, "XDG_CONFIG_HOME="+private, "PLAYDRILL_DB="+db)
	stored, _ := lrs.count()
	if code != exitOK || stored != 6 || strings.Contains(stderr, "placeholder") {
		t.Errorf("push: exit %d, %q, LRS holds %d", code, stderr, stored)
	}
	lrs.mu.Lock()
	first := string(lrs.byID[lrs.order[0]])
	lrs.mu.Unlock()
	if !strings.Contains(first, "https://northwind.example.com/playdrill/cards/") {
		t.Errorf("home page from the settings not used: %s", first)
	}
	// No LRS anywhere: a usage error naming where to set it.
	_, stderr, code = run(t, "", []string{"push"}, "XDG_CONFIG_HOME="+t.TempDir(), "PLAYDRILL_DB="+db)
	if code != exitUsage || !strings.Contains(stderr, "config.toml") {
		t.Errorf("no LRS: exit %d, %q", code, stderr)
	}
}
