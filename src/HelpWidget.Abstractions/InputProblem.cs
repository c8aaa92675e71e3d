namespace HelpWidget;

/// <summary>What is wrong with a value typed by a user, as found by <see cref="InputRules"/>; a form shows each in the user's language.</summary>
public enum InputProblem
{
    /// <summary>The value follows every rule.</summary>
    None = 0,

    /// <summary>The value is required but empty or only white space.</summary>
    Required = 1,

    /// <summary>The value has more characters than allowed.</summary>
    TooLong = 2,

    /// <summary>The value contains a control character (a line break or tab where none is allowed).</summary>
    ControlCharacter = 3,

    /// <summary>The value is not valid Unicode text: it contains half of a surrogate pair on its own.</summary>
    InvalidUnicode = 4,

    /// <summary>The value is not one plausible e-mail address.</summary>
    InvalidEmail = 5,
}
