package main

import (
	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/plain"
	"github.com/playdrill/playdrill/internal/playbook"
)

// drillFlags are the flags of `playdrill drill`.
type drillFlags struct {
	plain      bool
	step       string
	competitor string
	cram       bool
	objections bool
	free       bool
	newLimit   int
	session    int
	// sessionGiven: --session was on the command line, beating the
	// settings' session_size.
	sessionGiven bool
}

func (a *app) drillCmd() *cobra.Command {
	var o drillFlags
	cmd := &cobra.Command{
		Use:   "drill",
		Short: "Drill today's cards, a step or a competitor",
		Long: "Drill today's queue: the cards due for review, then new cards in playbook order.\n" +
			"--step drills every card of one step now; --competitor the differentiator cards\n" +
			"naming one competitor; --objections every objection card, to rehearse before a\n" +
			"call; --cram leaves the schedule alone (--objections always does). Without a terminal, or\n" +
			"with --plain, it runs line by line: one line per answer, then a rating line.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.sessionGiven = cmd.Flags().Changed("session")
			if o.session < 1 {
				return usageErrorf("--session %d: want 1 or more cards", o.session)
			}
			if o.newLimit < 0 {
				return usageErrorf("--new %d: want 0 or more new cards", o.newLimit)
			}
			if o.objections && o.competitor != "" {
				return usageErrorf("--objections and --competitor: choose one (objections are not filed under competitors)")
			}
			if !o.plain && isTerminal(a.Stdin) && isTerminal(a.Stdout) {
				return a.runTUI(cmd.Context(), &o)
			}
			return a.runPlainDrill(o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.plain, "plain", false, "plain text, one line per answer: for screen readers, pipes and scripts (no terminal needed)")
	f.StringVar(&o.step, "step", "", "drill every card of step ID now, whatever its schedule")
	f.StringVar(&o.competitor, "competitor", "", "drill the differentiator cards naming competitor NAME")
	f.BoolVar(&o.cram, "cram", false, "practise without changing the schedule (attempts are still recorded)")
	f.BoolVar(&o.objections, "objections", false, "cram every objection card (of --step ID, if given) before a call; the schedule is left alone")
	f.BoolVar(&o.free, "free", false, "lift the onboarding gate: drill any step, even before the one before it is done")
	f.IntVar(&o.newLimit, "new", drill.DefaultNewLimit, "at most N new cards in today's queue")
	f.IntVar(&o.session, "session", drill.DefaultSessionSize, "at most N cards in one session in the full-screen app; today's session goes on into a step that opens during it")
	return cmd
}

// runPlainDrill runs a drill session with the line-oriented front end.
func (a *app) runPlainDrill(o drillFlags) error {
	day, err := a.day()
	if err != nil {
		return err
	}
	return a.withSharedProgress(func(book *playbook.Playbook, store *boltdb.DB) error {
		opt := o.options(a.repName())
		opt.Day = day
		eng := drill.New(book, store, opt)
		_, err := plain.Run(eng, plain.Options{In: a.Stdin, Out: a.Stdout, Selection: o.selection()})
		return selectionError(book, err, o)
	})
}

// options are the engine options the flags ask for.
func (o drillFlags) options(rep string) drill.Options {
	newLimit := o.newLimit
	if newLimit == 0 {
		newLimit = -1 // the engine reads 0 as "the default"
	}
	return drill.Options{Rep: rep, NewLimit: newLimit, Free: o.free}
}

// selection is the session the flags ask for.
func (o drillFlags) selection() drill.Selection {
	return drill.Selection{Step: o.step, Competitor: o.competitor, Cram: o.cram || o.objections, Objections: o.objections}
}

// selectionError names the flag behind an unknown step or competitor and
// makes it a usage error; an unknown step gets the closest step ids.
// Other errors pass unchanged.
func selectionError(book *playbook.Playbook, err error, o drillFlags) error {
	if playbook.ErrorCode(err) != playbook.ENotFound {
		return err
	}
	if o.step != "" {
		if _, ok := book.Step(o.step); !ok {
			return usageErrorf("--step: %v", unknownIDError(book, o.step, false))
		}
	}
	if o.competitor != "" {
		return usageErrorf("--competitor: %v", err)
	}
	if o.objections {
		return usageErrorf("--objections: %v", err)
	}
	return usageErrorf("%v", err)
}
