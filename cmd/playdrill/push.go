package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/settings"
	"github.com/playdrill/playdrill/internal/words"
	"github.com/playdrill/playdrill/internal/xapi"
)

// push is one push of statements to an LRS.
type push struct {
	endpoint, user, key string
	xopt                xapi.XAPIOptions
	all                 bool // send everything, not only what is new to the LRS
	quiet               bool // say nothing on stderr (the full-screen app is up)
}

// pushResult says what a push did.
type pushResult struct {
	endpoint string
	sent     int
	mark     []byte // what the LRS has now accepted, to remember; nil: nothing to remember
}

func (r pushResult) String() string {
	if r.sent == 0 {
		return "nothing new to send to " + xapi.RedactURL(r.endpoint)
	}
	return fmt.Sprintf("sent %s to %s", words.Count(r.sent, "xAPI statement"), xapi.RedactURL(r.endpoint))
}

// markKey is what a push mark is kept under: the LRS, however its address
// ends, and the home page, since under another home page the same records
// are other statements, none of them sent yet.
func markKey(p push) string {
	return strings.TrimRight(p.endpoint, "/") + " " + strings.TrimRight(p.xopt.HomePage, "/")
}

// pushToLRS sends what the LRS has not accepted yet (everything with
// p.all, or for a store that keeps no marks). With progress, a terminal
// sees how far it got and every wait for a retry.
func (a *app) pushToLRS(ctx context.Context, store playbook.Store, p push, progress bool) (pushResult, error) {
	res := pushResult{endpoint: p.endpoint}
	lrs := &xapi.LRS{Endpoint: p.endpoint, User: p.user, Key: p.key}
	if !p.quiet {
		lrs.Waiting = func(wait time.Duration, why string) {
			if progress {
				fmt.Fprintln(a.Stderr)
			}
			fmt.Fprintf(a.Stderr, "%s; trying again in %v\n", why, wait.Round(100*time.Millisecond))
		}
	}
	pusher, incremental := store.(playbook.Pusher)
	var mark []byte
	if incremental && !p.all {
		var err error
		if mark, err = pusher.PushMark(markKey(p)); err != nil {
			return res, err
		}
	}
	if progress {
		total := -1
		if mark == nil {
			n, err := xapi.CountStatements(store)
			if err != nil {
				return res, err
			}
			total = n
		}
		lrs.Progress = func(sent int) {
			if total >= 0 {
				fmt.Fprintf(a.Stderr, "\r%s %d/%d statements", progressBar(sent, total, 30), sent, total)
			} else {
				fmt.Fprintf(a.Stderr, "\r%d statements sent", sent)
			}
		}
	}
	// The store reads in chunks and calls back outside its transactions,
	// so a slow network holds no read transaction open.
	var next []byte
	sent, err := lrs.SendEach(ctx, func(yield func(xapi.Statement) error) error {
		if !incremental {
			return xapi.EachStatement(store, p.xopt, yield)
		}
		var err error
		next, err = xapi.EachUnsent(pusher, mark, p.xopt, yield)
		return err
	}, nil)
	if progress && sent > 0 {
		fmt.Fprintln(a.Stderr)
	}
	res.sent = sent
	if err != nil {
		return res, fmt.Errorf("%w (%s were accepted before it; the next push sends the rest)", err, words.Count(sent, "statement"))
	}
	res.mark = next
	return res, nil
}

// saveMark remembers what the LRS accepted, in the database opened for
// writing just for that; failing to is only a warning, as the next push
// then resends statements the LRS already holds, which changes nothing.
func (a *app) saveMark(p push, res pushResult) {
	if res.mark == nil {
		return
	}
	db, err := a.openStore()
	if err == nil {
		err = db.SetPushMark(markKey(p), res.mark)
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(a.Stderr, "playdrill: warning: could not remember what the LRS accepted (%v); the next push sends it again, which is harmless\n", err)
	}
}

// pushAndRemember pushes from store, closes it, and remembers in the
// database what the LRS accepted.
func (a *app) pushAndRemember(ctx context.Context, store playbook.Store, p push) error {
	res, err := a.pushToLRS(ctx, store, p, isTerminal(a.Stderr))
	store.Close()
	if err != nil {
		return err
	}
	a.saveMark(p, res)
	fmt.Fprintf(a.Stderr, "%s\n", res)
	return nil
}

// pushCmd sends what the team's LRS (from the settings) has not accepted.
func (a *app) pushCmd() *cobra.Command {
	var (
		endpoint, homePage string
		all                bool
		timeout            time.Duration
	)
	cmd := &cobra.Command{
		Use:   "push [--all]",
		Short: "Send the xAPI statements the team's LRS has not accepted yet",
		Long: "push sends to the learning record store named by lrs in the settings (or\n" +
			"PLAYDRILL_LRS, or --lrs URL) the statements it has not accepted yet, as\n" +
			"'export --lrs' does. Credentials come from PLAYDRILL_LRS_USER and PLAYDRILL_LRS_KEY\n" +
			"or the credentials file beside the settings (readable by you only).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if endpoint == "" {
				endpoint = a.lrsEndpoint()
			}
			if endpoint == "" {
				return usageErrorf("push needs the LRS: set lrs in %s, or PLAYDRILL_LRS, or give --lrs URL",
					filepath.Join(a.settingsDir(), settings.FileName))
			}
			if _, err := xapi.ParseEndpoint(endpoint); err != nil {
				return usageErrorf("LRS: %v", err)
			}
			home := a.homePage(cmd, homePage)
			if err := xapi.ValidateHomePage(home); err != nil {
				return usageErrorf("home page: %v", err)
			}
			if timeout <= 0 {
				return usageErrorf("--timeout %v: want a positive duration such as 2m", timeout)
			}
			user, key, err := a.lrsCredentials()
			if err != nil {
				return err
			}
			if home == xapi.DefaultHomePage {
				fmt.Fprintf(a.Stderr, "playdrill: warning: the statements use the placeholder home page %s; set home_page in %s to your company's address\n",
					xapi.DefaultHomePage, filepath.Join(a.settingsDir(), settings.FileName))
			}
			book, _, _ := a.loadPlaybook()
			store, err := a.openExistingStore()
			if err != nil {
				return err
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
			defer cancel()
			return a.pushAndRemember(ctx, store, push{endpoint: endpoint, user: user, key: key,
				xopt: xapi.XAPIOptions{HomePage: home, Book: book}, all: all})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&endpoint, "lrs", "", "the LRS's xAPI URL (default: lrs in the settings, or PLAYDRILL_LRS)")
	fl.StringVar(&homePage, "home-page", xapi.DefaultHomePage, "home page URL of the reps' xAPI accounts (env PLAYDRILL_HOME_PAGE; settings home_page)")
	fl.BoolVar(&all, "all", false, "send every statement again, not only those the LRS has not accepted")
	fl.DurationVar(&timeout, "timeout", defaultPushTimeout, "give up a push that takes longer than DURATION")
	return cmd
}

// sessionPush is the TUI's push after each session, when the settings turn
// it on: into the database the app has open, quietly, its result for Home.
func (a *app) sessionPush(store *boltdb.DB, book *playbook.Playbook) func(ctx context.Context) (string, error) {
	if !a.set.PushAfterSession {
		return nil
	}
	return func(ctx context.Context) (string, error) {
		endpoint := a.lrsEndpoint()
		if endpoint == "" {
			return "", fmt.Errorf("push_after_session is on but no lrs is set in %s", filepath.Join(a.settingsDir(), settings.FileName))
		}
		if _, err := xapi.ParseEndpoint(endpoint); err != nil {
			return "", err
		}
		home := a.homePage(nil, "")
		if err := xapi.ValidateHomePage(home); err != nil {
			return "", err
		}
		user, key, err := a.lrsCredentials()
		if err != nil {
			return "", err
		}
		p := push{endpoint: endpoint, user: user, key: key, xopt: xapi.XAPIOptions{HomePage: home, Book: book}, quiet: true}
		res, err := a.pushToLRS(ctx, store, p, false)
		if err != nil {
			return "", err
		}
		if res.mark != nil {
			if err := store.SetPushMark(markKey(p), res.mark); err != nil {
				return res.String() + " (not remembered: the next push resends them)", nil
			}
		}
		return res.String(), nil
	}
}
