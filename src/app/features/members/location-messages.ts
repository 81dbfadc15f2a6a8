import { defineMessages } from '../../i18n/define-messages.ts';

/** Words of the member page's per-location registration (location-registrations-section.tsx). */
export const memberLocationMessages = defineMessages({
  nl: {
    'members.locations.title': 'Locaties',
    'members.locations.open': 'Ingeschreven bij {location} sinds {date}',
    'members.locations.closed': 'Uitgeschreven bij {location} op {date}',
    'members.locations.leave': 'Uitschrijven bij {location}',
    'members.locations.return': 'Weer inschrijven bij {location}',
    'members.locations.reason': 'Reden van uitschrijven bij {location}',
    'members.locations.confirmLeave': 'Uitschrijven bij {location}',
    'members.locations.cancel': 'Annuleren',
    'members.locations.left': 'Uitgeschreven bij {location}. Andere locaties blijven.',
    'members.locations.returned': 'Weer ingeschreven bij {location}.',
    'members.locations.undo': 'Ongedaan maken',
    'members.locations.undone': 'Ongedaan gemaakt.',
    'members.locations.undoReason': 'Ongedaan gemaakt op de ledenpagina',
    'members.locations.error.reason-required': 'Vul een reden in.',
    'members.locations.error.reason-too-long': 'De reden is te lang (hooguit 500 tekens).',
  },
  en: {
    'members.locations.title': 'Locations',
    'members.locations.open': 'Registered at {location} since {date}',
    'members.locations.closed': 'Left {location} on {date}',
    'members.locations.leave': 'Deregister at {location}',
    'members.locations.return': 'Register again at {location}',
    'members.locations.reason': 'Reason for leaving {location}',
    'members.locations.confirmLeave': 'Deregister at {location}',
    'members.locations.cancel': 'Cancel',
    'members.locations.left': 'Deregistered at {location}. Other locations stay.',
    'members.locations.returned': 'Registered again at {location}.',
    'members.locations.undo': 'Undo',
    'members.locations.undone': 'Undone.',
    'members.locations.undoReason': 'Undone on the member page',
    'members.locations.error.reason-required': 'Enter a reason.',
    'members.locations.error.reason-too-long': 'The reason is too long (at most 500 characters).',
  },
});
