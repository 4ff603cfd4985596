# bash completion for partnerdesk(1): subcommands, their options (read from
# `partnerdesk COMMAND --help`, so they never drift), option values (stages,
# kinds, channels, formats, periods) and the names of partners and of a
# partner's contact persons read from the database through `partnerdesk complete`. Installed as
# $datadir/bash-completion/completions/partnerdesk.

# The words of `partnerdesk [globals] complete WHAT [PARTNER]`, one per line.
_partnerdesk_words()
{
	command partnerdesk "${_pd_globals[@]}" complete "$@" 2>/dev/null
}

# A word as typed ('Beta School', "Beta School", Beta\ School) as the
# command will see it, without running anything in it.
_partnerdesk_dequote()
{
	local w=$1
	if [[ $w == \'*\' || $w == \"*\" ]]; then
		w=${w:1:${#w}-2}
	else
		w=${w//\\/}
	fi
	printf '%s' "$w"
}

# Offers the lines on stdin that start with $cur (ignoring case), quoted
# for the shell, so names with spaces complete as one word.
_partnerdesk_offer()
{
	local line lc_cur="${cur,,}"
	while IFS= read -r line; do
		[[ -z $line ]] && continue
		if [[ ${line,,} == "$lc_cur"* ]]; then
			COMPREPLY+=("$(printf '%q' "$line")")
		fi
	done
}

# Offers the words of `complete WHAT` (not through a pipe: a pipe's end
# runs in a subshell, and COMPREPLY would be lost with it).
_partnerdesk_offer_words()
{
	_partnerdesk_offer < <(_partnerdesk_words "$@")
}

_partnerdesk()
{
	local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
	local i cmd="" cmd_at=0 word
	local -a _pd_globals=()
	COMPREPLY=()

	# Global options before the command go along to every helper call, so
	# names come from the database the command line names.
	for ((i = 1; i < COMP_CWORD; i++)); do
		word="${COMP_WORDS[i]}"
		case $word in
		--db | --config)
			_pd_globals+=("$word" "${COMP_WORDS[i+1]}")
			((i++))
			;;
		--db=* | --config=*) _pd_globals+=("$word") ;;
		-*) ;;
		*)
			cmd="$word"
			cmd_at=$i
			break
			;;
		esac
	done

	case $prev in
	--db | --config | -o | --output)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--db --config --demo --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_partnerdesk_words commands)" -- "$cur"))
		fi
		return
	fi

	local help
	help="$(command partnerdesk "$cmd" --help 2>/dev/null)"

	# The value of an option.
	case $prev in
	--stage) _partnerdesk_offer_words stages; return ;;
	--kind) _partnerdesk_offer_words kinds; return ;;
	--channel) _partnerdesk_offer_words channels; return ;;
	--audience | --add-audience | --remove-audience) _partnerdesk_offer_words audiences; return ;;
	--goal | --remove-goal) _partnerdesk_offer_words goals; return ;;
	--period) COMPREPLY=($(compgen -W "$(_partnerdesk_words periods)" -- "$cur")); return ;;
	--partner) _partnerdesk_offer_words partners; return ;;
	--since) COMPREPLY=($(compgen -W "today yesterday mon -7d -1m" -- "$cur")); return ;;
	--review | --follow-up)
		COMPREPLY=($(compgen -W "today tomorrow mon tue wed thu fri +1w +2w +1m +3m" -- "$cur"))
		return
		;;
	--*)
		# "--format a|b|c" in the usage gives the choices (which may hold
		# a hyphen: utf-8|windows-1252).
		local choices
		choices="$(printf '%s\n' "$help" | grep -oE -- "$prev [a-z0-9.][a-z0-9.-]*(\|[a-z0-9.][a-z0-9.-]*)+" | head -n 1)"
		if [[ -n $choices ]]; then
			choices="${choices#"$prev "}"
			COMPREPLY=($(compgen -W "${choices//|/ }" -- "$cur"))
			return
		fi
		# An option taking free text: nothing to offer.
		if printf '%s\n' "$help" | grep -qE -- "$prev [A-Z]"; then
			return
		fi
		;;
	esac

	if [[ $cur == -* ]]; then
		local opts
		# --help joins before the sort: a help text that names it (list's
		# "see partnerdesk export --help") must not offer it twice.
		opts="$({ printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z-]*'; echo --help; } | sort -u)"
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi

	# Which operand this is: words after the command that are not options
	# or their values.
	local n=0
	local -a operands=()
	for ((i = cmd_at + 1; i < COMP_CWORD; i++)); do
		word="${COMP_WORDS[i]}"
		if [[ $word == --*=* ]]; then
			continue
		elif [[ $word == -* ]]; then
			printf '%s\n' "$help" | grep -qE -- "$word [A-Za-z]" && ((i++))
			continue
		fi
		operands+=("$word")
		((n++))
	done

	case $cmd in
	show | edit | delete)
		((n == 0)) && _partnerdesk_offer_words partners
		;;
	log)
		# log --edit ID takes the corrected TEXT, no PARTNER
		[[ " ${COMP_WORDS[*]} " != *" --edit "* ]] && ((n == 0)) && _partnerdesk_offer_words partners
		;;
	merge)
		((n <= 1)) && _partnerdesk_offer_words partners
		;;
	move)
		if ((n == 0)); then
			_partnerdesk_offer_words partners
		elif ((n == 1)); then
			_partnerdesk_offer_words stages
		fi
		;;
	contact)
		if ((n == 0)); then
			COMPREPLY=($(compgen -W "add edit delete list" -- "$cur"))
		elif ((n == 1)); then
			_partnerdesk_offer_words partners
		elif ((n == 2)) && [[ ${operands[0]} == edit || ${operands[0]} == delete ]]; then
			_partnerdesk_offer_words contacts "$(_partnerdesk_dequote "${operands[1]}")"
		fi
		;;
	agenda)
		((n == 0)) && COMPREPLY=($(compgen -W "done undone" -- "$cur"))
		;;
	report)
		((n == 0)) && COMPREPLY=($(compgen -W "$(_partnerdesk_words reports)" -- "$cur"))
		;;
	complete)
		((n == 0)) && COMPREPLY=($(compgen -W "commands partners contacts stages kinds channels audiences goals reports periods" -- "$cur"))
		;;
	import | backup)
		((n == 0)) && COMPREPLY=($(compgen -f -- "$cur"))
		;;
	esac
}

complete -F _partnerdesk partnerdesk
