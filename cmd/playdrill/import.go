package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/atomicfile"
	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
	"github.com/playdrill/playdrill/internal/xapi"
)

type importFlags struct {
	lrs      string
	since    string
	homePage string
	timeout  time.Duration
}

func (a *app) importCmd() *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "import FILE ... | --lrs URL [--since TIME]",
		Short: "Merge exports from other machines, or the team's records from an LRS, into this database",
		Long: "import merges files written by 'playdrill export --format jsonl'. Each file is\n" +
			"imported whole or not at all: a bad line is reported as FILE:LINE and nothing of\n" +
			"that file is imported. Attempts already in the database are skipped, so importing\n" +
			"a file twice changes nothing. Each rep's schedule and step completions are then\n" +
			"rebuilt from all of the rep's attempts in time order, on the current playbook.\n\n" +
			"--lrs URL reads the team back from a learning record store: every statement about\n" +
			"this playbook's cards (activities under --home-page) becomes the attempt or feedback\n" +
			"it was made from, page after page, merged the same way. --since TIME (RFC 3339,\n" +
			"or a date) reads only statements the LRS stored after it. Credentials come from\n" +
			"PLAYDRILL_LRS_USER and PLAYDRILL_LRS_KEY; --timeout bounds the whole read.",
		Args: func(cmd *cobra.Command, files []string) error {
			if f.lrs != "" && len(files) > 0 {
				return usageErrorf("import reads FILEs or --lrs, not both")
			}
			if f.lrs == "" && len(files) == 0 {
				return usageErrorf("import needs one or more FILEs written by 'playdrill export --format jsonl', or --lrs URL")
			}
			if f.lrs == "" && (cmd.Flags().Changed("since") || cmd.Flags().Changed("home-page")) {
				return usageErrorf("--since and --home-page go with --lrs")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, files []string) error {
			if f.lrs != "" {
				f.homePage = a.homePage(cmd, f.homePage)
				return a.importFromLRS(cmd.Context(), f)
			}
			day, err := a.day()
			if err != nil {
				return err
			}
			return a.withProgress(func(book *playbook.Playbook, store *boltdb.DB) error {
				im := &records.Importer{Book: book, Store: store, Day: day}
				failed := 0
				for _, name := range files {
					if err := a.importFile(im, name); err != nil {
						failed++
						fmt.Fprintln(a.Stderr, safe.Text(err.Error()))
						fmt.Fprintf(a.Stderr, "%s: nothing imported\n", safe.Text(name))
					}
				}
				if err := noteImported(book, store); err != nil {
					return err
				}
				if failed > 0 {
					return silentExit(exitFailure)
				}
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.lrs, "lrs", "", "read the team's statements from the LRS at URL")
	fl.StringVar(&f.since, "since", "", "with --lrs: only statements stored after TIME (RFC 3339 or YYYY-MM-DD)")
	fl.StringVar(&f.homePage, "home-page", xapi.DefaultHomePage, "with --lrs: the home page URL the statements were pushed with (env PLAYDRILL_HOME_PAGE; settings home_page)")
	fl.DurationVar(&f.timeout, "timeout", defaultPushTimeout, "with --lrs: give up a read that takes longer than DURATION")
	return cmd
}

// importFromLRS reads the team's statements back and merges them. A read
// that fails part way keeps what was merged before the failure (merging
// again skips it), rebuilds the schedules it touched, and says so.
func (a *app) importFromLRS(ctx context.Context, f importFlags) error {
	if _, err := xapi.ParseEndpoint(f.lrs); err != nil {
		return usageErrorf("--lrs: %v", err)
	}
	if err := xapi.ValidateHomePage(f.homePage); err != nil {
		return usageErrorf("--home-page: %v", err)
	}
	if f.timeout <= 0 {
		return usageErrorf("--timeout %v: want a positive duration such as 2m", f.timeout)
	}
	var since time.Time
	if f.since != "" {
		var err error
		if since, err = time.Parse(time.RFC3339Nano, f.since); err != nil {
			if since, err = time.Parse(time.DateOnly, f.since); err != nil {
				return usageErrorf("--since %q: want an RFC 3339 time (2026-03-01T09:00:00Z) or a date (2026-03-01)", safe.Text(f.since))
			}
		}
	}
	user, key, err := a.lrsCredentials()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	day, err := a.day()
	if err != nil {
		return err
	}
	return a.withProgress(func(book *playbook.Playbook, store *boltdb.DB) error {
		im := &records.Importer{Book: book, Store: store, Day: day}
		stream, err := im.Stream(xapi.RedactURL(f.lrs))
		if err != nil {
			return err
		}
		lrs := &xapi.LRS{Endpoint: f.lrs, User: user, Key: key}
		progress := isTerminal(a.Stderr)
		lrs.Waiting = func(wait time.Duration, why string) {
			fmt.Fprintf(a.Stderr, "\n%s; trying again in %v\n", why, wait.Round(100*time.Millisecond))
		}
		read, skipped := 0, 0
		var firstSkip error
		_, readErr := lrs.ReadStatements(ctx, since, func(s xapi.Statement) error {
			read++
			if progress && read%xapi.PageSize == 0 {
				fmt.Fprintf(a.Stderr, "\r%d statements read", read)
			}
			u, ok, err := xapi.ToRecord(s, f.homePage)
			if err != nil {
				skipped++
				if firstSkip == nil {
					firstSkip = err
				}
				return nil
			}
			if !ok {
				return nil
			}
			return stream.Add(u)
		})
		if progress && read >= xapi.PageSize {
			fmt.Fprintln(a.Stderr)
		}
		res, finishErr := stream.Finish()
		fmt.Fprintf(a.Stdout, "%s: %s read, %s, %d new (%s)\n", xapi.RedactURL(f.lrs), words.Count(read, "statement"),
			words.Count(res.Attempts, "attempt"), res.New, repsText(res.Reps))
		a.printImportNotes(res)
		if skipped > 0 {
			fmt.Fprintf(a.Stderr, "playdrill: %s about this playbook's cards could not be read back and were skipped; the first: %v\n",
				words.Count(skipped, "statement"), firstSkip)
		}
		if err := errors.Join(readErr, finishErr); err != nil {
			fmt.Fprintf(a.Stderr, "playdrill: %v\n", err)
			fmt.Fprintf(a.Stderr, "playdrill: the read stopped part way: the %d new attempts above were merged; importing again continues without doubling them\n", res.New)
			return silentExit(exitFailure)
		}
		if read == 0 {
			fmt.Fprintf(a.Stderr, "playdrill: the LRS holds no statements%s\n", map[bool]string{true: " since " + f.since, false: ""}[f.since != ""])
		}
		return noteImported(book, store)
	})
}

// noteImported lets the database recognise the cards of imported progress
// that an edit of the playbook renamed (see drill.NoteProgress).
func noteImported(book *playbook.Playbook, store *boltdb.DB) error {
	if err := drill.NoteProgress(book, store, time.Now()); err != nil {
		return fmt.Errorf("matching imported progress to the playbook's cards: %w", err)
	}
	return nil
}

// repsText lists rep names from outside, cleaned.
func repsText(reps []string) string {
	if len(reps) == 0 {
		return "no reps"
	}
	names := make([]string, len(reps))
	for i, r := range reps {
		names[i] = safe.Text(r)
	}
	return "reps: " + strings.Join(names, ", ")
}

func (a *app) importFile(im *records.Importer, name string) error {
	f, err := openExport(name)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("playdrill: %s: %v", safe.Text(name), pe.Err)
		}
		return fmt.Errorf("playdrill: %v", err)
	}
	defer f.Close()
	parsed, err := records.ParseExport(name, f)
	if err != nil {
		return err
	}
	res, err := im.Import(parsed)
	if err != nil {
		return fmt.Errorf("playdrill: %v", err)
	}
	// Rep names come from the file: never print them raw.
	fmt.Fprintf(a.Stdout, "%s: %s, %d new, %d already here (%s)\n",
		name, words.Count(res.Attempts, "attempt"), res.New, res.Attempts-res.New, repsText(res.Reps))
	a.printImportNotes(res)
	return nil
}

// openExport opens an export file to read. A named pipe, socket or device
// is refused by name before it is opened: reading one could block for ever
// while the database is locked.
func openExport(name string) (*os.File, error) {
	f, what, err := openRegular(name)
	if what != "" {
		return nil, fmt.Errorf("%s is %s, not an export file; import reads files written by 'playdrill export'", safe.Text(name), what)
	}
	return f, err
}

// openRegular opens a file the user named, for reading, when it is a
// regular file; otherwise it says what the file is (a named pipe, a
// device...) without waiting on it: the open does not block, and the file
// is checked again once open, in case it was swapped meanwhile.
func openRegular(name string) (f *os.File, what string, err error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, "", err
	}
	if what := atomicfile.Kind(info.Mode()); what != "" {
		return nil, what, nil
	}
	f, err = os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, "", err
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, "not a regular file", nil
	}
	return f, "", nil
}

// printImportNotes says what an import did besides attempts: feedback,
// disputes and reviews merged, and attempts on cards the playbook lacks.
func (a *app) printImportNotes(res records.ImportResult) {
	for _, n := range []struct {
		what     string
		all, new int
	}{{"feedback note", res.Feedback, res.NewFeedback}, {"dispute", res.Disputes, res.NewDisputes}, {"review", res.Reviews, res.NewReviews}} {
		if n.all > 0 {
			fmt.Fprintf(a.Stdout, "  %s, %d new\n", words.Count(n.all, n.what), n.new)
		}
	}
	if n := len(res.Conflicts); n > 0 {
		ids := make([]string, 0, min(n, 5))
		for _, id := range res.Conflicts[:min(n, 5)] {
			ids = append(ids, safe.Text(id))
		}
		more := ""
		if n > 5 {
			more = fmt.Sprintf(" and %d more", n-5)
		}
		fmt.Fprintf(a.Stderr, "playdrill: %s: %s already recorded with other content; the recorded ones are kept: %s%s\n",
			safe.Text(res.File), words.Count(n, "attempt"), strings.Join(ids, ", "), more)
	}
	if len(res.Unknown) == 0 {
		return
	}
	ids := make([]string, 0, len(res.Unknown))
	total := 0
	for id, n := range res.Unknown {
		ids = append(ids, id)
		total += n
	}
	sort.Strings(ids)
	shown := ids
	if len(shown) > 10 {
		shown = shown[:10]
	}
	parts := make([]string, len(shown))
	for i, id := range shown {
		parts[i] = fmt.Sprintf("%s (%d)", safe.Text(id), res.Unknown[id])
	}
	more := ""
	if len(ids) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(ids)-len(shown))
	}
	fmt.Fprintf(a.Stdout, "  %s on %s this playbook does not have, imported all the same: %s%s\n",
		words.Count(total, "attempt"), words.Count(len(ids), "card"), strings.Join(parts, ", "), more)
}
