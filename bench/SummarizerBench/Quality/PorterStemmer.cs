namespace SummarizerBench.Quality;

/// <summary>
/// Martin Porter's stemmer (1980), as in his reference C implementation (with its "bli" and "logi"
/// departures), so ROUGE scores here match the usual stemmed ROUGE. Input is lower-case ASCII letters.
/// </summary>
internal sealed class PorterStemmer
{
    private char[] _b = new char[64];
    private int _k;
    private int _j;

    public string Stem(string word)
    {
        if (word.Length <= 2)
        {
            return word;
        }

        if (_b.Length < word.Length)
        {
            _b = new char[word.Length];
        }

        word.CopyTo(0, _b, 0, word.Length);
        _k = word.Length - 1;
        Step1Ab();
        if (_k > 0)
        {
            Step1C();
            Step2();
            Step3();
            Step4();
            Step5();
        }

        return new string(_b, 0, _k + 1);
    }

    private bool IsConsonant(int i) => _b[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(i - 1),
        _ => true,
    };

    // The number of vowel-consonant sequences in b[0.._j].
    private int Measure()
    {
        var n = 0;
        var i = 0;
        while (true)
        {
            if (i > _j)
            {
                return n;
            }

            if (!IsConsonant(i))
            {
                break;
            }

            i++;
        }

        i++;
        while (true)
        {
            while (true)
            {
                if (i > _j)
                {
                    return n;
                }

                if (IsConsonant(i))
                {
                    break;
                }

                i++;
            }

            i++;
            n++;
            while (true)
            {
                if (i > _j)
                {
                    return n;
                }

                if (!IsConsonant(i))
                {
                    break;
                }

                i++;
            }

            i++;
        }
    }

    private bool VowelInStem()
    {
        for (var i = 0; i <= _j; i++)
        {
            if (!IsConsonant(i))
            {
                return true;
            }
        }

        return false;
    }

    private bool DoubleConsonant(int j) => j >= 1 && _b[j] == _b[j - 1] && IsConsonant(j);

    // consonant-vowel-consonant ending at i, where the last consonant is not w, x or y ("hop", not "snow").
    private bool Cvc(int i) =>
        i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && _b[i] is not ('w' or 'x' or 'y');

    private bool Ends(string s)
    {
        var length = s.Length;
        if (length > _k + 1 || !_b.AsSpan(_k - length + 1, length).SequenceEqual(s))
        {
            return false;
        }

        _j = _k - length;
        return true;
    }

    private void SetTo(string s)
    {
        s.CopyTo(0, _b, _j + 1, s.Length);
        _k = _j + s.Length;
    }

    private void ReplaceIfMeasured(string s)
    {
        if (Measure() > 0)
        {
            SetTo(s);
        }
    }

    private void Step1Ab()
    {
        if (_b[_k] == 's')
        {
            if (Ends("sses"))
            {
                _k -= 2;
            }
            else if (Ends("ies"))
            {
                SetTo("i");
            }
            else if (_b[_k - 1] != 's')
            {
                _k--;
            }
        }

        if (Ends("eed"))
        {
            if (Measure() > 0)
            {
                _k--;
            }
        }
        else if ((Ends("ed") || Ends("ing")) && VowelInStem())
        {
            _k = _j;
            if (Ends("at"))
            {
                SetTo("ate");
            }
            else if (Ends("bl"))
            {
                SetTo("ble");
            }
            else if (Ends("iz"))
            {
                SetTo("ize");
            }
            else if (DoubleConsonant(_k))
            {
                _k--;
                if (_b[_k] is 'l' or 's' or 'z')
                {
                    _k++;
                }
            }
            else if (Measure() == 1 && Cvc(_k))
            {
                SetTo("e");
            }
        }
    }

    private void Step1C()
    {
        if (Ends("y") && VowelInStem())
        {
            _b[_k] = 'i';
        }
    }

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ];

    private void Step2() => ApplyFirst(Step2Rules);

    private void Step3() => ApplyFirst(Step3Rules);

    // Only the first (longest listed) matching suffix counts, as in the reference implementation.
    private void ApplyFirst((string Suffix, string Replacement)[] rules)
    {
        foreach (var (suffix, replacement) in rules)
        {
            if (Ends(suffix))
            {
                ReplaceIfMeasured(replacement);
                return;
            }
        }
    }

    private void Step4()
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (!Ends(suffix))
            {
                continue;
            }

            // "ion" is removed only after s or t ("adoption", not "onion").
            if (suffix == "ion" && (_j < 0 || _b[_j] is not ('s' or 't')))
            {
                return;
            }

            if (Measure() > 1)
            {
                _k = _j;
            }

            return;
        }
    }

    private void Step5()
    {
        _j = _k;
        if (_b[_k] == 'e')
        {
            var a = Measure();
            if (a > 1 || (a == 1 && !Cvc(_k - 1)))
            {
                _k--;
            }
        }

        if (_b[_k] == 'l' && DoubleConsonant(_k) && Measure() > 1)
        {
            _k--;
        }
    }
}
