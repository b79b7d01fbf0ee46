package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// completeIDs makes shells complete what commands take from the playbook:
// step (and process) ids for `show` and `drill --step`, step and typed card
// ids for `try`, competitor names for `drill --competitor`. A playbook that
// cannot be read completes nothing.
func (a *app) completeIDs(root *cobra.Command) {
	for _, c := range root.Commands() {
		switch c.Name() {
		case "show":
			c.ValidArgsFunction = a.idCompleter(func(b *playbook.Playbook) []cobra.Completion { return append(processIDs(b), stepIDs(b)...) })
		case "try":
			c.ValidArgsFunction = a.idCompleter(func(b *playbook.Playbook) []cobra.Completion { return append(stepIDs(b), typedCardIDs(b)...) })
		case "drill":
			_ = c.RegisterFlagCompletionFunc("step", a.flagCompleter(stepIDs))
			_ = c.RegisterFlagCompletionFunc("competitor", a.flagCompleter(func(b *playbook.Playbook) []cobra.Completion {
				var out []cobra.Completion
				for _, n := range b.Competitors {
					out = append(out, completion(n, ""))
				}
				return out
			}))
		}
	}
}

// idCompleter completes a command's one argument with ids of the playbook.
func (a *app) idCompleter(ids func(*playbook.Playbook) []cobra.Completion) cobra.CompletionFunc {
	complete := a.flagCompleter(ids)
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return complete(cmd, args, toComplete)
	}
}

// flagCompleter completes with ids of the playbook that start with what is
// typed; settings are read first, as commands read them (they may name the
// playbook).
func (a *app) flagCompleter(ids func(*playbook.Playbook) []cobra.Completion) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		_ = a.loadSettings()
		book, _, err := a.loadPlaybook()
		if err != nil || book == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, c := range ids(book) {
			if strings.HasPrefix(string(c), toComplete) {
				out = append(out, c)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completion is an id with its description, cleaned for the shell: a
// playbook's text never reaches the terminal raw, nor breaks the
// completion protocol's one-line, tab-separated entries.
func completion(id, desc string) cobra.Completion {
	clean := func(s string) string { return strings.Join(strings.Fields(safe.Text(s)), " ") }
	if id = clean(id); desc == "" {
		return cobra.Completion(id)
	}
	return cobra.CompletionWithDesc(id, clean(desc))
}

func processIDs(b *playbook.Playbook) []cobra.Completion {
	var out []cobra.Completion
	for _, p := range b.Processes {
		out = append(out, completion(p.ID, p.Title))
	}
	return out
}

func stepIDs(b *playbook.Playbook) []cobra.Completion {
	var out []cobra.Completion
	for _, s := range b.Steps() {
		out = append(out, completion(s.ID, s.Title))
	}
	return out
}

func typedCardIDs(b *playbook.Playbook) []cobra.Completion {
	var out []cobra.Completion
	for _, c := range b.Cards() {
		if c.Kind.Typed() {
			out = append(out, completion(c.ID, c.Prompt))
		}
	}
	return out
}
