namespace Frontline.Domain.Mail;

/// <summary>
/// What the desk reads from an arriving message to decide what it is and where it belongs. The host
/// fills it from the parsed message; the rules here never see bytes.
/// </summary>
/// <param name="From">The sender's address, lower case; empty when the message names none.</param>
/// <param name="MessageId">Without angle brackets; null when the message has none.</param>
/// <param name="InReplyTo">The message ids the sender answered, nearest first.</param>
/// <param name="References">The thread's message ids as the sender's client lists them, oldest first.</param>
/// <param name="IsDeliveryReport">A multipart/report (RFC 3464/3798) or a body a mail system wrote about a failed delivery.</param>
/// <param name="ReportedMessageIds">The ids of the messages a delivery report is about (from its returned headers).</param>
public sealed record InboundFacts(
    string From,
    string Subject,
    string? MessageId,
    IReadOnlyList<string> InReplyTo,
    IReadOnlyList<string> References,
    string? AutoSubmitted = null,
    string? Precedence = null,
    bool HasAutoReplyHeader = false,
    bool HasListHeader = false,
    string? ReturnPath = null,
    bool IsDeliveryReport = false,
    IReadOnlyList<string>? ReportedMessageIds = null);
