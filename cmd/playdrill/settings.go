package main

import (
	"fmt"
	"path/filepath"

	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/settings"
	"github.com/playdrill/playdrill/internal/xapi"
)

// settingsDir is the folder of config.toml and credentials.toml.
func (a *app) settingsDir() string { return settings.Dir(a.getenv, xdg.ConfigHome) }

// loadSettings reads config.toml; flags and the environment still beat
// what it says.
func (a *app) loadSettings() error {
	s, err := settings.Load(filepath.Join(a.settingsDir(), settings.FileName))
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	a.set = s
	return nil
}

// homePage is the xAPI home page: the --home-page flag when given, then
// PLAYDRILL_HOME_PAGE, then the settings, else the placeholder.
func (a *app) homePage(cmd *cobra.Command, flag string) string {
	if cmd != nil && cmd.Flags().Changed("home-page") {
		return flag
	}
	if h := a.getenv("PLAYDRILL_HOME_PAGE"); h != "" {
		return h
	}
	if a.set.HomePage != "" {
		return a.set.HomePage
	}
	return xapi.DefaultHomePage
}

// lrsEndpoint is the team's LRS: PLAYDRILL_LRS, else the settings.
func (a *app) lrsEndpoint() string {
	if e := a.getenv("PLAYDRILL_LRS"); e != "" {
		return e
	}
	return a.set.LRS
}

// lrsCredentials are the LRS's user and key: from PLAYDRILL_LRS_USER and
// PLAYDRILL_LRS_KEY, else from the credentials file, which must be
// readable by its owner only. Never from the command line.
func (a *app) lrsCredentials() (user, key string, err error) {
	user, key = a.getenv("PLAYDRILL_LRS_USER"), a.getenv("PLAYDRILL_LRS_KEY")
	if user != "" && key != "" {
		return user, key, nil
	}
	path := a.set.Credentials
	if path == "" {
		path = filepath.Join(a.settingsDir(), settings.CredentialsName)
	}
	c, ok, err := settings.LoadCredentials(path)
	if err != nil {
		return "", "", fmt.Errorf("LRS credentials: %w", err)
	}
	if !ok {
		return "", "", fmt.Errorf("--lrs needs the LRS's credentials in PLAYDRILL_LRS_USER and PLAYDRILL_LRS_KEY, or in %s (readable by you only)", path)
	}
	return c.User, c.Key, nil
}
