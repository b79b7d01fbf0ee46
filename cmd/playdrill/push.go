package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/words"
	"github.com/playdrill/playdrill/internal/xapi"
)

// push is one push of statements to an LRS.
type push struct {
	endpoint, user, key string
	xopt                xapi.XAPIOptions
	all                 bool // send everything, not only what is new to the LRS
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

// markKey is the endpoint as its push mark is kept: one LRS, however its
// address ends.
func markKey(endpoint string) string { return strings.TrimRight(endpoint, "/") }

// pushToLRS sends what the LRS has not accepted yet (everything with
// p.all, or for a store that keeps no marks). With progress, a terminal
// sees how far it got and every wait for a retry.
func (a *app) pushToLRS(ctx context.Context, store playbook.Store, p push, progress bool) (pushResult, error) {
	res := pushResult{endpoint: p.endpoint}
	lrs := &xapi.LRS{Endpoint: p.endpoint, User: p.user, Key: p.key}
	lrs.Waiting = func(wait time.Duration, why string) {
		if progress {
			fmt.Fprintln(a.Stderr)
		}
		fmt.Fprintf(a.Stderr, "%s; trying again in %v\n", why, wait.Round(100*time.Millisecond))
	}
	pusher, incremental := store.(playbook.Pusher)
	var mark []byte
	if incremental && !p.all {
		var err error
		if mark, err = pusher.PushMark(markKey(p.endpoint)); err != nil {
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
		err = db.SetPushMark(markKey(p.endpoint), res.mark)
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(a.Stderr, "playdrill: warning: could not remember what the LRS accepted (%v); the next push sends it again, which is harmless\n", err)
	}
}

// lrsCredentials are the LRS's user and key, from the environment.
func (a *app) lrsCredentials() (user, key string, err error) {
	user, key = a.getenv("PLAYDRILL_LRS_USER"), a.getenv("PLAYDRILL_LRS_KEY")
	if user == "" || key == "" {
		return "", "", fmt.Errorf("--lrs needs the LRS's credentials in PLAYDRILL_LRS_USER and PLAYDRILL_LRS_KEY")
	}
	return user, key, nil
}
