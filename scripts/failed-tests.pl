#!/usr/bin/perl
# Prints every failed test of the given .trx files with the head of its message and stack trace. CI keeps only the
# tail of a run's output, and the console logger reports a failure where it happens, often thousands of lines up:
# scripts/test.sh calls this last so the tail names what failed.
use strict;
use warnings;

my $message_chars = 1500;
my $stack_chars = 1500;
my $failures = 0;

sub unescape {
    my ($text) = @_;
    $text =~ s/&lt;/</g;
    $text =~ s/&gt;/>/g;
    $text =~ s/&quot;/"/g;
    $text =~ s/&apos;/'/g;
    $text =~ s/&#xD;//g;
    $text =~ s/&#xA;/\n/g;
    $text =~ s/&amp;/&/g;
    return $text;
}

sub head_of {
    my ($body, $tag, $chars) = @_;
    return '' unless $body =~ m{<$tag>(.*?)</$tag>}s;
    return substr(unescape($1), 0, $chars);
}

for my $file (@ARGV) {
    open(my $handle, '<', $file) or next;
    local $/;
    my $trx = <$handle>;
    close($handle);
    # A result without output is a self-closing element.
    while ($trx =~ m{<UnitTestResult\b([^>]*?)(?:/>|>(.*?)</UnitTestResult>)}sg) {
        my ($attributes, $body) = ($1, $2 // '');
        next unless $attributes =~ /outcome="Failed"/;
        my ($name) = $attributes =~ /testName="([^"]*)"/;
        my ($duration) = $attributes =~ /duration="([^"]*)"/;
        $failures++;
        print "FAILED ", unescape($name // '?'), " (", $duration // '?', ")\n";
        print head_of($body, 'Message', $message_chars), "\n";
        print head_of($body, 'StackTrace', $stack_chars), "\n\n";
    }
}
print "$failures failed test(s)\n";
